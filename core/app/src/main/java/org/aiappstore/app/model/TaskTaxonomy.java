package org.aiappstore.app.model;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.problem.Problem;
import org.bson.Document;

/** The tasks a card can name, managed by admins; the defaults until an admin changes them. */
@ApplicationScoped
public class TaskTaxonomy {

  static final List<String> DEFAULTS =
      List.of(
          "Computer Vision",
          "Natural Language Processing",
          "Audio",
          "Reinforcement Learning",
          "Tabular",
          "Multimodal",
          "Generative",
          "Other");
  static final int MAX_TASKS = 50;
  static final int MAX_LENGTH = 60;
  private static final String ID = "tasks";

  @Inject MongoConnection mongo;

  public TaskTaxonomy() {}

  public TaskTaxonomy(MongoConnection mongo) {
    this.mongo = mongo;
  }

  private MongoCollection<Document> settings() {
    return mongo.database().getCollection("app_settings");
  }

  public List<String> tasks() {
    return Optional.ofNullable(settings().find(Filters.eq("_id", ID)).first())
        .map(d -> d.getList("values", String.class))
        .orElse(DEFAULTS);
  }

  /** The stored spelling of a task, matched ignoring case. */
  public Optional<String> canonical(String task) {
    return tasks().stream().filter(t -> t.equalsIgnoreCase(task.strip())).findFirst();
  }

  /** Validates and stores a new list; errors point into {@code /tasks}. */
  public List<String> replace(List<String> wanted, List<Problem.FieldError> errors) {
    List<String> tasks = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < wanted.size(); i++) {
      String task = wanted.get(i) == null ? "" : PlainText.clean(wanted.get(i)).strip();
      if (task.isEmpty() || task.length() > MAX_LENGTH) {
        errors.add(
            new Problem.FieldError("/tasks/" + i, "must be 1 to " + MAX_LENGTH + " characters"));
      } else if (!seen.add(task.toLowerCase(Locale.ROOT))) {
        errors.add(new Problem.FieldError("/tasks/" + i, "is listed twice"));
      } else {
        tasks.add(task);
      }
    }
    if (wanted.isEmpty() || wanted.size() > MAX_TASKS) {
      errors.add(new Problem.FieldError("/tasks", "must list 1 to " + MAX_TASKS + " tasks"));
    }
    if (errors.isEmpty()) {
      settings()
          .replaceOne(
              Filters.eq("_id", ID),
              new Document("_id", ID).append("values", tasks),
              new ReplaceOptions().upsert(true));
    }
    return tasks;
  }
}
