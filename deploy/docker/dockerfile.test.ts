// `docker build` cannot run on the development machines (no engine, no base images), so the
// Dockerfile is checked by parsing it: its stages, its base, its user, its health check and what it
// copies into the image.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Copy, DockerfileParser, type Instruction } from "dockerfile-ast";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dockerfile = DockerfileParser.parse(readFileSync(path.join(root, "Dockerfile"), "utf8"));
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
};
const dockerignore = readFileSync(path.join(root, ".dockerignore"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));

type Stage = { name: string; image: string; instructions: Instruction[] };

function stagesOf(): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") {
      const [image = "", as, name] = instruction.getArguments().map((argument) => argument.getValue());
      expect(as?.toUpperCase(), `every stage is named: ${instruction.toString()}`).toBe("AS");
      stages.push({ name: name ?? "", image, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const stages = stagesOf();
const finalStage = stages.at(-1)!;
const stageNamed = (name: string) => stages.find((stage) => stage.name === name);
const only = (stage: Stage, keyword: string) => stage.instructions.filter((item) => item.getKeyword() === keyword);
const argumentsOf = (instruction: Instruction) => instruction.getArguments().map((argument) => argument.getValue());

/** The image a stage finally rests on, through `FROM <earlier stage>`. */
function baseImageOf(stage: Stage): string {
  const earlier = stageNamed(stage.image);
  return earlier ? baseImageOf(earlier) : stage.image;
}

const fromStageOf = (instruction: Instruction) =>
  instruction instanceof Copy ? instruction.getFromFlag()?.getValue() : undefined;

/** COPY/ADD sources taken from the build context (not from another stage, not a URL). */
function contextSources(stage: Stage): string[] {
  return stage.instructions
    .filter((instruction) => ["COPY", "ADD"].includes(instruction.getKeyword()))
    .filter((instruction) => !fromStageOf(instruction))
    .flatMap((instruction) => argumentsOf(instruction).slice(0, -1))
    .filter((source) => !/^https:\/\//.test(source));
}

const ignoredBy = (pattern: string, file: string) => {
  const expression = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/|$)`);
  return expression.test(file);
};

describe("Dockerfile", () => {
  it("builds in named stages and ends with the runtime stage", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["base", "build", "runtime"]);
    expect(finalStage.name).toBe("runtime");
  });

  it("is based on the Node.js major version package.json requires", () => {
    const major = /^>=(\d+)/.exec(packageJson.engines.node)?.[1];
    expect(major).toBeDefined();
    for (const stage of stages) {
      expect(baseImageOf(stage), `stage ${stage.name}`).toMatch(new RegExp(`^node:${major}-[a-z]+-slim$`));
    }
  });

  it("runs as an unprivileged user in the final stage", () => {
    const users = only(finalStage, "USER").map((instruction) => argumentsOf(instruction).join(" "));
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!;
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const userLine = only(finalStage, "USER").at(-1)!.getRange().start.line;
    const entrypointLine = only(finalStage, "ENTRYPOINT")[0]!.getRange().start.line;
    expect(userLine).toBeLessThan(entrypointLine);
  });

  it("checks its health at /api/health", () => {
    const healthchecks = only(finalStage, "HEALTHCHECK");
    expect(healthchecks).toHaveLength(1);
    const command = healthchecks[0]!.toString();
    expect(command).toMatch(/\bCMD\b/);
    expect(command).toContain("/api/health");
  });

  it("selects web, worker or migrations by command through the entry point script", () => {
    const entrypoint = only(finalStage, "ENTRYPOINT")[0]!.toString();
    expect(entrypoint).toContain("/app/deploy/docker/entrypoint.sh");
    expect(contextSources(stageNamed("build")!)).toContain("deploy/docker/entrypoint.sh");
    expect(only(finalStage, "CMD")[0]!.toString()).toContain('["web"]');
  });

  it("never copies the whole build context", () => {
    for (const stage of stages) {
      for (const source of contextSources(stage)) {
        expect([".", "./", "*", "/"], `stage ${stage.name} copies ${source}`).not.toContain(source);
      }
    }
  });

  it("puts into the final image only what the build stage produced", () => {
    expect(contextSources(finalStage)).toEqual([]);
    expect(only(finalStage, "COPY").map(fromStageOf)).toEqual(["build"]);
  });

  it("copies paths that exist and that .dockerignore lets through", () => {
    const sources = stages.flatMap(contextSources);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(path.join(root, source)), `${source} exists`).toBe(true);
      expect(
        dockerignore.filter((pattern) => ignoredBy(pattern, source)),
        `${source} is excluded from the context`,
      ).toEqual([]);
    }
  });

  it("keeps local state, secrets and build output out of the build context", () => {
    for (const needed of [".git", "node_modules", ".next", ".data", "lib/generated", "test-results", ".env*"]) {
      expect(dockerignore).toContain(needed);
    }
    expect(ignoredBy(".env*", ".env.local")).toBe(true);
  });
});
