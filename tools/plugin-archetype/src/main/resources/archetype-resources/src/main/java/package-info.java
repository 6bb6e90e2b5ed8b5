/**
 * ${connectorName}: an AI App Store data connector plugin storing each object as one file in a
 * directory.
 */
package ${package};
