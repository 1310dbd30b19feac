/**
 * Runs once before all test files: builds the web app when the browser tests will run and its
 * build is missing or stale. Each browser test file also checks the build, but building here
 * first keeps two files running in parallel from rebuilding web/dist under each other.
 */
import { ensureWebBuild, findChromium } from './browser/harness';

export default function setup(): void {
  if (findChromium().missing === null) ensureWebBuild();
}
