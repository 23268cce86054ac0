// `npm run bench -- NAME`: runs one benchmark (or all) and writes bench/results/NAME.json.
const benches: Record<string, () => Promise<void>> = {
  hub: async () => (await import('./hub.ts')).run(),
  kiosk: async () => (await import('./kiosk.ts')).run(),
  print: async () => (await import('./print.ts')).run(),
  display: async () => (await import('./display.ts')).run(),
  stats: async () => (await import('./stats.ts')).run(),
  startup: async () => (await import('./startup.ts')).run(),
  province: async () => (await import('./province.ts')).run(),
  soak: async () => (await import('./soak.ts')).run(),
  untype: async () => (await import('./untype.ts')).run(),
  phones: async () => (await import('./phones.ts')).run(),
};

const asked = process.argv.slice(2);
const names = asked.length ? asked : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`== bench ${name}`);
  await bench();
}
process.exit(0);
