package org.aiappstore.app.it.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Echoes what MicroProfile JWT read from the verified token. */
@Path("whoami")
@RequestScoped
public class WhoAmIResource {

  @Inject JsonWebToken token;

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.TEXT_PLAIN)
  public String whoami() {
    return token.getName() + " " + token.getIssuer() + " " + new TreeSet<>(token.getGroups());
  }
}
