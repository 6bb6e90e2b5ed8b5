package org.aiappstore.app.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/** The jobs API: listing, a job that does not exist, invalid paging. */
class JobsIT {

  @Test
  void shouldListJobsOfOneType() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"filter\": {\"visibility\": \"public\", \"owner\": \"nobody-here\"}}")
        .post(ExportImportIT.EXPORTS)
        .then()
        .statusCode(202);

    AuthIT.asAdmin()
        .queryParam("type", "export")
        .get(ExportImportIT.JOBS)
        .then()
        .statusCode(200)
        .body("total", greaterThanOrEqualTo(1))
        .body("items.type", everyItem(equalTo("export")));
  }

  @Test
  void shouldAnswer404ProblemForAnUnknownJob() {
    AuthIT.asAdmin()
        .get(ExportImportIT.JOBS + "/no-such-job")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("JOB_NOT_FOUND"));
    AuthIT.asAdmin()
        .get(ExportImportIT.JOBS + "/no-such-job/events")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldNameInvalidPagingParameters() {
    AuthIT.asAdmin()
        .queryParam("size", "1000")
        .queryParam("page", "-1")
        .get(ExportImportIT.JOBS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/size"))
        .body("errors.pointer", hasItem("/page"));
  }
}
