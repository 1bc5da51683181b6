import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.electron.ts',
  outputDir: '../output/electron-results',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});
