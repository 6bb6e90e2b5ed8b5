package org.aiappstore.app.it.mpjwt;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** A bystander app authenticated by Liberty's own MicroProfile JWT runtime, not by ours. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class MicroProfileJwtCheckApplication extends Application {}
