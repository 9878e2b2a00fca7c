import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "./index";
import { logUnhandledError } from "./unhandled-errors";

afterEach(() => vi.restoreAllMocks());

describe("unhandled errors", () => {
  it("are logged once, with the request or job they came from", () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const failure = new Error("boom");
    logUnhandledError(failure, { requestId: "req-1" }, "request failed");
    logUnhandledError(failure, {}, "unhandled promise rejection");
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith({ err: failure, requestId: "req-1" }, "request failed");
  });
});
