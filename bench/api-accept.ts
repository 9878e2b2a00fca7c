// npm run bench:api-accept – accepted POST /v2/notifications/email per second and latency, against
// the floor: a bare Node server doing one INSERT per request, measured in the same run. The two
// take turns over several rounds and the medians are compared, because a small shared machine's
// speed drifts by tens of percent within a minute.
import { signToken } from "@/lib/api-keys/jwt";
import { db, disconnectDb } from "@/lib/db";
import { stopJobSender } from "@/lib/queue/boss";
import { makeApiKey, makeService, makeTemplate } from "../tests/support/factories";
import { benchDatabase, load, median, report, startFloorServer, startWebApp, type LoadResult } from "./support/harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL_SIZE = 10;
const PORT = 3990;

const database = await benchDatabase();
const service = await makeService({ trialMode: false });
await db.service.update({
  where: { id: service.id },
  data: { emailMessageLimit: 100_000_000, rateLimit: 100_000_000 },
});
const template = await makeTemplate(service.id, {
  type: "email",
  subject: "Your ((thing))",
  content: "Dear ((name)),\n\nYour ((thing)) is ready.\n\nhttps://example.gov/collect",
});
const apiKey = await makeApiKey(service.id, "normal");
const body = JSON.stringify({
  template_id: template.id,
  email_address: "bench@example.com",
  personalisation: { name: "Ada", thing: "passport" },
  reference: "bench",
});

let token = "";
let tokenIssuedAt = 0;
const authorization = () => {
  const now = Math.floor(Date.now() / 1000);
  if (now - tokenIssuedAt > 10) {
    token = signToken({ iss: service.id, iat: now }, apiKey.key.slice(-36));
    tokenIssuedAt = now;
  }
  return { Authorization: `Bearer ${token}` };
};

const floor = await startFloorServer(database.url, POOL_SIZE);
const app = await startWebApp(
  { DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(POOL_SIZE), PORT: String(PORT), LOG_LEVEL: "warn" },
  PORT,
);
try {
  // Warm both up so that neither pays for first-request compilation or connection set-up.
  await load({ url: `${floor.url}/`, body, headers: () => ({}), connections: 8, seconds: 2, expectStatus: 201 });
  await load({
    url: `http://127.0.0.1:${PORT}/v2/notifications/email`,
    body,
    headers: authorization,
    connections: 8,
    seconds: 2,
    expectStatus: 201,
  });

  const rounds: { floor: LoadResult; app: LoadResult }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const floorResult = await load({
      url: `${floor.url}/`,
      body,
      headers: () => ({}),
      connections: CONNECTIONS,
      seconds: SECONDS,
      expectStatus: 201,
    });
    const appResult = await load({
      url: `http://127.0.0.1:${PORT}/v2/notifications/email`,
      body,
      headers: authorization,
      connections: CONNECTIONS,
      seconds: SECONDS,
      expectStatus: 201,
    });
    rounds.push({ floor: floorResult, app: appResult });
  }
  const floorMedian = median(rounds.map((round) => round.floor));
  const appMedian = median(rounds.map((round) => round.app));
  const stored = await db.notification.count({ where: { serviceId: service.id } });

  console.log(
    `\nPOST /v2/notifications/email against the floor (${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, pool ${POOL_SIZE}):`,
  );
  report({
    ...Object.fromEntries(
      rounds.flatMap((round, index) => [
        [`round ${index + 1} floor`, round.floor],
        [`round ${index + 1} Tidings`, round.app],
      ]),
    ),
    "median floor: INSERT per request": floorMedian,
    "median Tidings: accept email": appMedian,
  });
  console.log(
    `Tidings / floor (medians): ${((appMedian.requestsPerSecond / floorMedian.requestsPerSecond) * 100).toFixed(1)}% (aim: at least 60%, p99 under 50 ms)`,
  );
  console.log(
    `Notifications stored: ${stored}; non-2xx answers: ${rounds.reduce((sum, round) => sum + round.app.non2xx, 0)}`,
  );
} finally {
  app.kill("SIGTERM");
  await floor.close();
  await stopJobSender();
  await disconnectDb();
  await database.drop();
}
