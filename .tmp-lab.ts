import { startLab } from './scripts/lab/server.ts';
const lab = await startLab();
console.log(lab.primary);
setTimeout(() => lab.close().then(() => process.exit(0)), 120_000);
