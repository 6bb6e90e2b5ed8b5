package org.aiappstore.app;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/**
 * The REST API root. Resources declare their own version prefix ({@code v1/...}) so that every
 * unknown path under {@code /api} is still answered by JAX-RS, and therefore as {@code
 * application/problem+json}.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "AI App Store API",
            version = "v1",
            description =
                "Model cards, linked experiments and datasets, and live demo apps. Errors are RFC 9457"
                    + " problem details.",
            license = @License(name = "Apache-2.0")))
@DeclareRoles({"user", "admin"})
public class AiAppStoreApi extends Application {}
