// Batch mode (-B, -DinteractiveMode=false) skips the validationRegex of archetype-metadata.xml: check here.
def rules = [
    pluginId   : ~/[a-z][a-z0-9]*(-[a-z0-9]+)*/,
    connectorId: ~/[a-z][a-z0-9-]{1,39}/,
    classPrefix: ~/[A-Z][A-Za-z0-9]*/,
]
def problems = rules.findAll { name, pattern -> !(request.properties.getProperty(name) ==~ pattern) }
    .collect { name, pattern -> "${name} '${request.properties.getProperty(name)}' must match ${pattern}" }
if (problems) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException("Invalid archetype properties: " + problems.join('; '))
}
