// One thread of a threaded engine run (bench/drive.ts, runEngineThreads): its own pool and event
// loop, its share of the clients. Warms up, says so, waits for "go", runs, reports its tally.
import { parentPort, workerData } from 'node:worker_threads';
import { openPostgres } from '../src/infra/db/database.ts';
import { runEngine, runFlow } from './drive.ts';
import { SEED_FLOWS } from './flows.ts';

const { url, users: userList, clients, firstClient, secs, stop } = workerData as {
  url: string; users: [string, string][]; clients: number; firstClient: number; secs: number; stop: Int32Array;
};
const users = new Map(userList);
const live = () => Atomics.load(stop, 0) === 0;
const database = await openPostgres(url, clients);
try {
  for (const flow of SEED_FLOWS) await runFlow(database.db, users, flow, Date.parse(flow.submitAt), { transitions: 0, flows: 0 }, live);
  parentPort!.postMessage('ready');
  await new Promise((resolve) => parentPort!.once('message', resolve));
  parentPort!.postMessage(await runEngine(database.db, users, SEED_FLOWS, clients, secs, live, firstClient));
} finally {
  await database.close();
}
