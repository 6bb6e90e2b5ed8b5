package org.aiappstore.app.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.interceptor.Interceptor;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentConfiguration;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentManager;
import org.eclipse.jnosql.mapping.Database;
import org.eclipse.jnosql.mapping.DatabaseType;

/**
 * Hands JNoSQL the application's own client instead of letting it build one from {@code jnosql.*}
 * keys, because the embedded server's address is only known once it has started. JNoSQL looks a
 * manager up in two ways (the generic document template and the MongoDB template); both get one
 * over the same client.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
class DocumentManagerProducer {

  @Produces
  @Alternative
  @Priority(Interceptor.Priority.APPLICATION)
  @ApplicationScoped
  @Database(DatabaseType.DOCUMENT)
  DatabaseManager databaseManager(MongoConnection connection) {
    return create(connection);
  }

  @Produces
  @Alternative
  @Priority(Interceptor.Priority.APPLICATION)
  @Typed(MongoDBDocumentManager.class)
  MongoDBDocumentManager mongoDocumentManager(MongoConnection connection) {
    return create(connection);
  }

  private static MongoDBDocumentManager create(MongoConnection connection) {
    return new MongoDBDocumentConfiguration()
        .get(connection.client())
        .apply(connection.databaseName());
  }
}
