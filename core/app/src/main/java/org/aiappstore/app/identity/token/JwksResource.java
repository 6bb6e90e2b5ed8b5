package org.aiappstore.app.identity.token;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys our access tokens are signed with, for any verifier (RFC 7517 key set). */
@Path("v1/auth/jwks")
@RequestScoped
@PermitAll
@Tag(name = "Identity")
public class JwksResource {

  @Inject SigningKeyStore keys;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "JSON Web Key Set of the access-token signing keys")
  public JsonObject jwks() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    keys.published().forEach(k -> list.add(k.publicJwk()));
    return Json.createObjectBuilder().add("keys", list).build();
  }
}
