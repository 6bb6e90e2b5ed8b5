package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFitTest {

  @TempDir Path dir;

  /** Three entries of 1,000 zero bytes each: they compress to almost nothing. */
  private Path bundle() throws IOException {
    Path zip = dir.resolve("bundle.zip");
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String name : new String[] {"manifest.json", "media/a/content", "media/b/content"}) {
        out.putNextEntry(new ZipEntry(name));
        out.write(new byte[1000]);
        out.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void shouldFindNothingWhenTheBundleFitsEveryLimit() throws IOException {
    assertThat(BundleFit.beyondImportLimits(bundle(), new BundleLimits(1 << 20, 3, 3000, 1000)))
        .isEmpty();
  }

  @Test
  void shouldNameEveryImportLimitTheBundlePasses() throws IOException {
    Path zip = bundle();

    assertThat(BundleFit.beyondImportLimits(zip, new BundleLimits(100, 2, 2999, 1000)))
        .containsExactly(
            "it is "
                + Files.size(zip)
                + " bytes, more than an import accepts (100, aiappstore.import.max-bytes)",
            "it has 3 entries, more than an import accepts (2, aiappstore.import.max-entries)",
            "its entries hold 3000 bytes, more than an import inflates (2999,"
                + " aiappstore.import.max-uncompressed-bytes)");
  }
}
