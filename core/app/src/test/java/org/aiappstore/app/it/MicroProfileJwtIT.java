package org.aiappstore.app.it;

import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import org.aiappstore.app.it.mpjwt.MicroProfileJwtCheckApplication;
import org.aiappstore.app.it.mpjwt.WhoAmIResource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our access tokens are MicroProfile JWTs: Liberty's MP-JWT runtime, configured only with our JWKS
 * URL, issuer and audience, accepts them in a separate app and reads the user and groups from them.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileJwtIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    String config =
        String.join(
            "\n",
            "mp.jwt.verify.publickey.location=" + ApiIT.baseUrl() + "/api/v1/auth/jwks",
            "mp.jwt.verify.issuer=aiappstore",
            "mp.jwt.verify.audiences=aiappstore-api");
    return ShrinkWrap.create(WebArchive.class, "mp-jwt-check.war")
        .addClasses(MicroProfileJwtCheckApplication.class, WhoAmIResource.class)
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL app;

  @Test
  void shouldAcceptOurAccessTokenAndReadItsClaims() {
    ApiIT.given()
        .baseUri(app.toString())
        .header("Authorization", "Bearer " + AuthIT.adminToken())
        .get("api/whoami")
        .then()
        .statusCode(200)
        .body(equalTo(AuthIT.adminUsername() + " aiappstore [admin, user]"));
  }

  @Test
  void shouldRejectATokenWhosePayloadWasAltered() {
    String[] parts = AuthIT.adminToken().split("\\.");
    String forged =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    ApiIT.given()
        .baseUri(app.toString())
        .header("Authorization", "Bearer " + forged)
        .get("api/whoami")
        .then()
        .statusCode(401);
  }
}
