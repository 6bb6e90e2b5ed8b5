package org.aiappstore.app.search;

import java.util.Random;
import org.aiappstore.app.identity.user.User;
import org.junit.jupiter.api.Test;

class ProfileScratchTest {
  static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  @Test
  void profile() throws Exception {
    try (SearchFixture f = new SearchFixture()) {
      User u = f.user("alice");
      Random r = new Random(1);
      String[] words = {
        "resnet",
        "satellite",
        "crop",
        "detection",
        "imagenet",
        "accuracy",
        "model",
        "training",
        "dataset",
        "clouds"
      };
      for (int i = 0; i < 300; i++) {
        StringBuilder body = new StringBuilder();
        while (body.length() < 12000) {
          body.append("<h2>Section</h2><p>");
          for (int w = 0; w < 60; w++) body.append(words[r.nextInt(words.length)]).append(' ');
          body.append(
              "</p><table><tr><td>COCO</td><td>0.5</td></tr><tr><td>ImageNet</td><td>0.7</td></tr></table>");
        }
        f.createSilently(
            new SearchFixture.TestCard(u)
                .title("Model " + words[r.nextInt(10)] + " " + i)
                .tags("a" + r.nextInt(30), "b" + r.nextInt(30), "c" + r.nextInt(30))
                .frameworks("PyTorch")
                .description("A " + words[r.nextInt(10)] + " model")
                .body(body.toString()));
      }
      java.util.List<org.aiappstore.app.model.ModelCard> all = new java.util.ArrayList<>();
      f.cards.forEach(all::add);
      var owner = f.owners.byId(u.id());
      for (int rep = 0; rep < 3; rep++) {
        long a = cpu();
        for (var c : all) HtmlText.of(c.content().body(), c.content().performance());
        long b = cpu();
        for (var c : all) CardDocuments.of(c, owner);
        long c2 = cpu();
        var cfg = CardDocuments.facetsConfig();
        for (var c : all) cfg.build(CardDocuments.of(c, owner));
        long d = cpu();
        for (var c : all)
          org.aiappstore.app.model.CardViews.summaryWithoutOwner(c).build().toString();
        long e = cpu();
        System.out.printf(
            "PROFILE jsoup %.1f ms, doc %.1f ms, doc+facets %.1f ms, summary %.1f ms (per 300)%n",
            (b - a) / 1e6, (c2 - b) / 1e6, (d - c2) / 1e6, (e - d) / 1e6);
      }
      long t0 = cpu();
      f.cards.forEach(c -> {});
      System.out.println("PROFILE read all: " + (cpu() - t0) / 1e6 + " ms");
      t0 = cpu();
      f.indexer.setRebuildWorkers(java.util.concurrent.Executors.newFixedThreadPool(2));
      long w0 = System.nanoTime();
      var rebuilt = f.indexer.rebuild();
      System.out.println("PROFILE rebuild wall " + (System.nanoTime() - w0) / 1e6);
      System.out.println("PROFILE rebuild: " + rebuilt + " " + (cpu() - t0) / 1e6 + " ms");
      for (int round = 0; round < 3; round++) {
        t0 = cpu();
        int n = 200;
        for (int i = 0; i < n; i++) {
          f.search(u, "q", words[i % 10] + " " + words[(i + 3) % 10]);
        }
        System.out.println("PROFILE search with text: " + (cpu() - t0) / 1e6 / n + " ms/query");
        t0 = cpu();
        for (int i = 0; i < n; i++) {
          f.search(u, "tags", "a" + (i % 30));
        }
        System.out.println("PROFILE search no text: " + (cpu() - t0) / 1e6 / n + " ms/query");
      }
    }
  }
}
