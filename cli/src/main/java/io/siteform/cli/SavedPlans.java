package io.siteform.cli;

import io.siteform.engine.planfile.PlanFile;
import io.siteform.error.PlanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Saved plan files on disk: written atomically and private (a plan holds what state holds). */
final class SavedPlans {
  private SavedPlans() {}

  static void write(Path file, String json) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, ".siteform-plan", ".tmp");
      try {
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the directory's ACL applies.
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new PlanException("cannot save the plan to " + file + ": " + e.getMessage());
    }
  }

  /** The plan saved in {@code file}, its paths resolved against {@code specFolder}, the folder of the spec it is applied with. */
  static PlanFile.Saved read(Path file, Path specFolder) {
    try {
      return new PlanFile(specFolder).read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new PlanException(file + " does not exist; save a plan with `siteform plan --out " + file + "`");
    } catch (IOException e) {
      throw new PlanException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
