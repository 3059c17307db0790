/**
 * Screenshot comparison against golden PNGs kept in the repository, with pixelmatch's
 * anti-aliasing-aware diff. The actual image and a diff image go to .artifacts/ on every run, so
 * a failure in CI can be looked at without reproducing it.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { artifactPath } from "./chromium";

export interface GoldenComparison {
  /** Pixels pixelmatch counts as different (anti-aliasing excluded). */
  differentPixels: number;
  totalPixels: number;
  /** Set when the sizes differ: no pixel comparison then. */
  sizeMismatch?: string;
  actualPath: string;
  diffPath: string;
}

/** Regenerate goldens instead of comparing: `UPDATE_GOLDEN=1`. */
export const updatingGoldens = () => process.env.UPDATE_GOLDEN === "1";

/**
 * Compares `actual` (PNG bytes) with the golden at `goldenPath`; with UPDATE_GOLDEN=1 writes it
 * as the new golden first. `name` names the artifacts: `<artifactDir>/<name>.actual.png`, `.diff.png`.
 */
export function compareWithGolden(
  actual: Buffer,
  goldenPath: string,
  name: string,
  options: { artifactDir: string; threshold?: number },
): GoldenComparison {
  const actualPath = artifactPath(options.artifactDir, `${name}.actual.png`);
  const diffPath = artifactPath(options.artifactDir, `${name}.diff.png`);
  writeFileSync(actualPath, actual);
  if (updatingGoldens()) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`no golden ${goldenPath}: run with UPDATE_GOLDEN=1 once, look at it, and commit it`);
  }
  copyFileSync(goldenPath, artifactPath(options.artifactDir, `${name}.golden.png`));
  const got = PNG.sync.read(actual);
  const want = PNG.sync.read(readFileSync(goldenPath));
  const totalPixels = want.width * want.height;
  if (got.width !== want.width || got.height !== want.height) {
    return {
      differentPixels: totalPixels,
      totalPixels,
      sizeMismatch: `${got.width}x${got.height}, golden ${want.width}x${want.height}`,
      actualPath,
      diffPath,
    };
  }
  const diff = new PNG({ width: want.width, height: want.height });
  const differentPixels = pixelmatch(got.data, want.data, diff.data, want.width, want.height, {
    threshold: options.threshold ?? 0.1,
  });
  writeFileSync(diffPath, PNG.sync.write(diff));
  return { differentPixels, totalPixels, actualPath, diffPath };
}
