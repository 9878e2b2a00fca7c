// npm run bench:bulk – bulk sending on this machine, in one run: a 100,000-row and a 1,000,000-row CSV
// uploaded (streamed to an S3 stand-in by this process, as the web app does) and checked by a worker
// process (rows/s); the 100,000 rows then expanded into notifications and delivery jobs (rows/s); the
// peak RSS of the uploading process and of the worker; and the send rate held against SES_MAX_SEND_RATE
// while the job is sent. Figures, not pass/fail. BENCH_SMALL_ROWS / BENCH_LARGE_ROWS / BENCH_RATE /
// BENCH_RATED_SECONDS change the sizes; BENCH_CPU_PROFILE profiles the worker.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { sendCheckedFile } from "@/lib/jobs/create-job";
import { OPERATOR } from "@/lib/permissions";
import { closeConnections } from "@/lib/process/close-connections";
import { uploadRecipientFile } from "@/lib/recipient-files/upload-recipient-file";
import { S3_STAND_IN_CREDENTIALS, startS3StandIn } from "../scripts/stand-ins/s3";
import { sesStandInSettings } from "../tests/support/aws-stand-in-settings";
import { makeService, makeTemplate } from "../tests/support/factories";
import { exitOf, waitForOutput } from "../tests/support/processes";
import { startSesStandIn } from "../tests/support/ses-stand-in";
import { waitFor } from "../tests/support/wait";
import { benchDatabase, startBuiltWorker } from "./support/harness";
import { watchPeakRss } from "./support/memory";

const SMALL_ROWS = Number(process.env.BENCH_SMALL_ROWS ?? 100_000);
const LARGE_ROWS = Number(process.env.BENCH_LARGE_ROWS ?? 1_000_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const RATED_SECONDS = Number(process.env.BENCH_RATED_SECONDS ?? 20);

const database = await benchDatabase();
const s3Directory = await mkdtemp(path.join(tmpdir(), "tidings-bench-s3-"));
const buckets = { S3_BUCKET_UPLOADS: "bench-uploads", S3_BUCKET_CONTACT_LISTS: "bench-contact-lists" };
const s3 = await startS3StandIn({ directory: s3Directory, buckets: Object.values(buckets) });
const ses = await startSesStandIn({ lightweight: true });
const environment = {
  ...buckets,
  ...sesStandInSettings(ses),
  AWS_ENDPOINT_URL_S3: s3.url,
  AWS_ACCESS_KEY_ID: S3_STAND_IN_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_STAND_IN_CREDENTIALS.secretAccessKey,
  SES_MAX_SEND_RATE: String(RATE),
};
Object.assign(process.env, environment);
resetConfig();

const created = await makeService({ trialMode: false });
await db.service.update({
  where: { id: created.id },
  data: { emailMessageLimit: 10_000_000, smsMessageLimit: 10_000_000 },
});
const template = await makeTemplate(created.id, { type: "email" });

/** A CSV of `rows` recipients, generated as it is streamed: never whole in memory. */
function csvRows(rows: number): { body: Readable; bytes: number } {
  const line = (index: number) => `person-${index}@example.com,Person ${index},REF-${index}\n`;
  let bytes = "email address,name,reference\n".length;
  for (let index = 0; index < rows; index++) bytes += line(index).length;
  async function* generate() {
    yield Buffer.from("email address,name,reference\n");
    for (let start = 0; start < rows; start += 10_000) {
      let chunk = "";
      for (let index = start; index < Math.min(rows, start + 10_000); index++) chunk += line(index);
      yield Buffer.from(chunk);
    }
  }
  return { body: Readable.from(generate()), bytes };
}

const selfPeak = { value: 0 };
const selfTimer = setInterval(
  () => (selfPeak.value = Math.max(selfPeak.value, Math.round(process.memoryUsage().rss / 1_048_576))),
  250,
);

async function uploadAndCheck(rows: number) {
  const { body, bytes } = csvRows(rows);
  const started = performance.now();
  const fileId = await uploadRecipientFile({
    actor: OPERATOR,
    serviceId: created.id,
    templateId: template.id,
    fileName: `people-${rows}.csv`,
    sizeBytes: bytes,
    body,
  });
  const uploadedSeconds = (performance.now() - started) / 1000;
  const file = await waitFor(
    `the ${rows}-row file to be checked`,
    async () => {
      const found = await db.recipientFile.findUniqueOrThrow({ where: { id: fileId } });
      return found.status !== "checking" && found;
    },
    1_800_000,
  );
  const checkSeconds = (file.checkedAt!.getTime() - file.createdAt.getTime()) / 1000;
  return { fileId, rows, megabytes: bytes / 1_048_576, uploadedSeconds, checkSeconds, status: file.status };
}

const worker = await startBuiltWorker({ LOG_LEVEL: "info", ...environment });
try {
  await waitForOutput(worker, /"msg":"worker ready"/, 120_000);
  const memory = watchPeakRss([worker.pid!]);
  const idleMb = memory.peaks()[0]!;

  const small = await uploadAndCheck(SMALL_ROWS);
  const large = await uploadAndCheck(LARGE_ROWS);
  const checkPeakMb = memory.peaks()[0]!;

  const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: created.id, fileId: small.fileId });
  const job = await waitFor(
    "the job to be expanded",
    async () => {
      const found = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return found.status !== "pending" && found.status !== "in_progress" && found;
    },
    1_800_000,
  );
  const expandSeconds = (job.finishedAt!.getTime() - job.createdAt.getTime()) / 1000;

  // The send rate, measured at the stand-in over a window after the first second (the bucket starts full).
  await waitFor("sends to start", async () => ses.accepted().length > 0, 120_000);
  const windowStart = ses.accepted()[0]!.arrivedAt + 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000 + RATED_SECONDS * 1000));
  const inWindow = ses
    .accepted()
    .filter((call) => call.arrivedAt >= windowStart && call.arrivedAt < windowStart + RATED_SECONDS * 1000);
  const measuredRate = inWindow.length / RATED_SECONDS;
  memory.stop();

  const line = (run: Awaited<ReturnType<typeof uploadAndCheck>>) =>
    `  ${run.rows.toLocaleString("en-GB")} rows (${run.megabytes.toFixed(1)} MB): uploaded in ${run.uploadedSeconds.toFixed(1)} s, checked in ${run.checkSeconds.toFixed(1)} s = ${Math.round(run.rows / run.checkSeconds).toLocaleString("en-GB")} rows/s (${run.status})`;
  console.log("\nBulk sending on this machine:");
  console.log("Validation (a worker process streaming the file from the S3 stand-in):");
  console.log(line(small));
  console.log(`    aim: 100,000 rows in under 3 s`);
  console.log(line(large));
  console.log("Expansion into notifications and delivery jobs (while the job is being sent):");
  console.log(
    `  ${job.rowCount.toLocaleString("en-GB")} rows in ${expandSeconds.toFixed(1)} s = ${Math.round(job.rowCount / expandSeconds).toLocaleString("en-GB")} rows/s (aim: 100,000 in under 20 s); status ${job.status}`,
  );
  console.log("Peak RSS:");
  console.log(`  uploading process (the web app's upload path): ${selfPeak.value} MB (aim: under 300 MB)`);
  console.log(
    `  worker, ready and idle: ${idleMb} MB; checking both files: ${checkPeakMb} MB; through the expansion and sending: ${memory.peaks()[0]} MB (aim: under 300 MB)`,
  );
  console.log("Send rate:");
  console.log(
    `  ${measuredRate.toFixed(1)}/s measured over ${RATED_SECONDS} s against SES_MAX_SEND_RATE=${RATE}: ${((measuredRate / RATE) * 100).toFixed(1)}% (aim: 95–105%)`,
  );
} finally {
  clearInterval(selfTimer);
  worker.kill("SIGTERM");
  await exitOf(worker);
  await ses.close();
  await s3.close();
  await rm(s3Directory, { recursive: true, force: true });
  await closeConnections();
  await database.drop();
}
