package org.aiappstore.app.export;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * A connection to an installation's database through which the server "dies" at a chosen write, as
 * a killed process would: that write is made or not (as chosen) and nothing after it runs, no undo
 * either. The death is a {@link Crash}, an {@link Error} the importer does not catch. It can also
 * make a write fail as a database error would, which the importer's undo handles.
 */
final class CrashingMongo extends MongoConnection {

  /** The server died here. */
  static final class Crash extends Error {
    Crash(String where) {
      super("crashed at " + where);
    }
  }

  private static final Set<String> WRITES =
      Set.of(
          "insertOne",
          "insertMany",
          "deleteOne",
          "deleteMany",
          "replaceOne",
          "updateOne",
          "updateMany",
          "bulkWrite",
          "findOneAndUpdate");

  private final MongoConnection mongo;
  private String collection;
  private String method;
  private int occurrence;
  private boolean applied;
  private boolean dies;
  private int seen;

  CrashingMongo(MongoConnection mongo) {
    this.mongo = mongo;
  }

  /**
   * Dies at the {@code occurrence}th call (from 1) of {@code method} on {@code collection}: after
   * the write is made when {@code applied}, before it otherwise.
   */
  CrashingMongo crashAt(String collection, String method, int occurrence, boolean applied) {
    this.collection = collection;
    this.method = method;
    this.occurrence = occurrence;
    this.applied = applied;
    this.dies = true;
    this.seen = 0;
    return this;
  }

  /** Fails the {@code occurrence}th call of {@code method} on {@code collection}, not made. */
  CrashingMongo failAt(String collection, String method, int occurrence) {
    crashAt(collection, method, occurrence, false);
    this.dies = false;
    return this;
  }

  @Override
  public MongoClient client() {
    return mongo.client();
  }

  @Override
  public String databaseName() {
    return mongo.databaseName();
  }

  @Override
  public MongoDatabase database() {
    MongoDatabase database = mongo.database();
    return proxy(
        MongoDatabase.class,
        (self, called, args) -> {
          Object result = invoke(database, called, args);
          if (called.getName().equals("getCollection")) {
            return collection((String) args[0], (MongoCollection<?>) result);
          }
          return result;
        });
  }

  private MongoCollection<?> collection(String name, MongoCollection<?> target) {
    return proxy(
        MongoCollection.class,
        (self, called, args) -> {
          boolean here =
              WRITES.contains(called.getName())
                  && name.equals(collection)
                  && called.getName().equals(method)
                  && ++seen == occurrence;
          if (here && !dies) {
            throw new IllegalStateException("the database failed " + method + " on " + name);
          }
          if (here && !applied) {
            throw new Crash("before " + method + " on " + name);
          }
          Object result = invoke(target, called, args);
          if (here) {
            throw new Crash("after " + method + " on " + name);
          }
          return result;
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
