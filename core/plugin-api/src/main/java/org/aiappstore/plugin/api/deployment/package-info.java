/**
 * The deployment extension point (KNative, Emissary, ...) that runs live demo apps. Operations
 * arrive with the deployment-backend issue; today the package declares the factory, backend and
 * capabilities.
 */
package org.aiappstore.plugin.api.deployment;
