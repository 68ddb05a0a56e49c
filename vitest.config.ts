import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // No test touches the user's own store: unless a test names one, the store is a fresh temporary directory.
    env: { TRUCE_DATA_DIR: mkdtempSync(join(tmpdir(), "truce-test-store-")) },
  },
});
