package org.aiappstore.app.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.aiappstore.app.search.CardSearchService.Dashboard;
import org.aiappstore.app.search.CardSearchService.FacetValue;
import org.aiappstore.app.search.CardSearchService.SearchResult;
import org.aiappstore.app.search.CardSearchService.Suggestions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Search and discovery: {@code /api/v1/search/*} for every signed-in user (answers only ever
 * include cards the caller may see) and the admin's rebuild. See docs/api/search.md.
 */
@Path("v1")
@RequestScoped
@Tag(name = "Search")
public class SearchResource {

  /** Looked up once: {@code Json.*} searches the class path for a provider on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  /** Answers depend on who asks: no shared cache may keep them. */
  private static final String PERSONAL = "private, no-store";

  @Inject CardSearchService search;
  @Inject SearchIndexer indexer;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @GET
  @Path("search/models")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Cards matching text and filters, ranked, with facet counts and highlighted snippets")
  public Response models() {
    SearchRequest parsed = SearchRequest.parse(uriInfo.getQueryParameters());
    SearchResult result = search.search(Caller.required(request), parsed);
    return Response.ok(SearchJson.of(result), MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, PERSONAL)
        .build();
  }

  @GET
  @Path("search/suggest")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Titles and tags starting with what the user typed, for quick search")
  public Response suggest() {
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    List<Problem.FieldError> errors = new ArrayList<>();
    unknown(parameters, Set.of("q", "size"), errors);
    String q = single(parameters, "q", "", errors);
    if (q.length() > CardSearchService.SUGGEST_TEXT_MAX) {
      errors.add(
          new Problem.FieldError(
              "/q", "must be at most " + CardSearchService.SUGGEST_TEXT_MAX + " characters"));
    }
    int size =
        QueryParameters.integer(
            single(parameters, "size", "8", errors),
            1,
            CardSearchService.SUGGEST_SIZE_MAX,
            "/size",
            errors);
    if (!errors.isEmpty()) {
      throw SearchRequest.invalid(errors);
    }
    Suggestions suggestions = search.suggest(Caller.required(request), q, size);
    JsonArrayBuilder titles = JSON.createArrayBuilder();
    suggestions.titles().forEach(titles::add);
    return personal(
        JSON.createObjectBuilder()
            .add("titles", titles)
            .add("tags", facetValues(suggestions.tags()))
            .build());
  }

  @GET
  @Path("search/dashboard")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Recently updated cards, the caller's own cards and card counts per task")
  public Response dashboard() {
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    List<Problem.FieldError> errors = new ArrayList<>();
    unknown(parameters, Set.of("size"), errors);
    int size =
        QueryParameters.integer(
            single(parameters, "size", "10", errors),
            1,
            CardSearchService.DASHBOARD_SIZE_MAX,
            "/size",
            errors);
    if (!errors.isEmpty()) {
      throw SearchRequest.invalid(errors);
    }
    Dashboard dashboard = search.dashboard(Caller.required(request), size);
    JsonArrayBuilder recent = JSON.createArrayBuilder();
    dashboard.recent().forEach(recent::add);
    JsonArrayBuilder mine = JSON.createArrayBuilder();
    dashboard.mine().forEach(mine::add);
    return personal(
        JSON.createObjectBuilder()
            .add("recent", JSON.createObjectBuilder().add("items", recent))
            .add(
                "mine",
                JSON.createObjectBuilder().add("items", mine).add("total", dashboard.mineTotal()))
            .add("tasks", facetValues(dashboard.tasks()))
            .build());
  }

  @GET
  @Path("admin/search")
  @RolesAllowed("admin")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "State of this server's search index")
  public SearchIndexer.Status status() {
    try {
      return indexer.status();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @POST
  @Path("admin/search/rebuild")
  @RolesAllowed("admin")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Rebuild this server's search index from the database (synchronously)")
  public SearchIndexer.Rebuilt rebuild() {
    if (indexer.index().isEmpty()) {
      throw new ProblemException(
          503, "SEARCH_UNAVAILABLE", "The search index could not be opened; see the server log.");
    }
    try {
      return indexer.rebuild();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonArrayBuilder facetValues(List<FacetValue> values) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (FacetValue value : values) {
      array.add(
          JSON.createObjectBuilder()
              .add("value", value.value())
              .add("label", value.label())
              .add("count", value.count()));
    }
    return array;
  }

  /** Answers depend on who asks: no shared cache may keep them. */
  private static Response personal(JsonObject body) {
    return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, PERSONAL).build();
  }

  private static void unknown(
      Map<String, List<String>> parameters, Set<String> known, List<Problem.FieldError> errors) {
    parameters.keySet().stream()
        .filter(name -> !known.contains(name))
        .sorted()
        .forEach(name -> errors.add(new Problem.FieldError("/" + name, "is not a parameter")));
  }

  private static String single(
      Map<String, List<String>> parameters,
      String name,
      String absent,
      List<Problem.FieldError> errors) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.size() > 1) {
      errors.add(new Problem.FieldError("/" + name, "must be given once"));
      return absent;
    }
    return values.isEmpty() || values.get(0) == null ? absent : values.get(0);
  }
}
