#!/usr/bin/env node
// Entry point of the satupintu command. Plain JavaScript so that it can refuse an old Node
// with a clear message before any TypeScript is loaded.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `satupintu membutuhkan Node.js 22 atau lebih baru; yang berjalan ${process.version}.\n` +
      `satupintu needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Jalankan lewat npm (npm start, npx satupintu …): proyek ini membawa Node 22 sendiri setelah `npm ci`.\n' +
      'Run it through npm (npm start, npx satupintu …): the project brings its own Node 22 after `npm ci`.',
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
