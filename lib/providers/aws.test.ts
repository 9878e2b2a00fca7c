import { describe, expect, it } from "vitest";
import { classifyAwsError } from "./aws";

const permanent = {
  rejected: ["MessageRejected", "AccessDeniedException"],
  invalidRecipient: (error: { Reason?: string }) => error.Reason === "DESTINATION_PHONE_NUMBER_OPTED_OUT",
};
const awsError = (name: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...fields });
const classified = (error: unknown) => {
  const { kind, code } = classifyAwsError(error, permanent);
  return { kind, code };
};

describe("classifyAwsError", () => {
  it.each(["ThrottlingException", "TooManyRequestsException", "Throttling", "SlowDown", "RequestLimitExceeded"])(
    "counts %s as throttling",
    (name) => expect(classified(awsError(name))).toEqual({ kind: "throttled", code: name }),
  );

  it("counts any HTTP 429 as throttling, whatever its name", () => {
    expect(classified(awsError("SomethingNew", { $metadata: { httpStatusCode: 429 } })).kind).toBe("throttled");
  });

  it("names the reason of an invalid recipient", () => {
    const optedOut = awsError("ConflictException", { Reason: "DESTINATION_PHONE_NUMBER_OPTED_OUT" });
    expect(classified(optedOut)).toEqual({ kind: "invalid-recipient", code: "DESTINATION_PHONE_NUMBER_OPTED_OUT" });
  });

  it("counts the API's permanent errors as rejected", () => {
    expect(classified(awsError("MessageRejected", { $metadata: { httpStatusCode: 400 } }))).toEqual({
      kind: "rejected",
      code: "MessageRejected",
    });
  });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])(
    "retries %s: the request never reached the provider",
    (code) => expect(classified(awsError("Error", { code }))).toEqual({ kind: "retryable", code }),
  );

  it.each([
    [awsError("Error", { code: "ECONNRESET" }), "ECONNRESET"],
    [awsError("Error", { code: "EPIPE" }), "EPIPE"],
    [awsError("Error", { code: "ETIMEDOUT" }), "ETIMEDOUT"],
    [awsError("TimeoutError"), "TimeoutError"],
    [awsError("RequestTimeout"), "RequestTimeout"],
    [Object.assign(new Error("socket hang up"), { name: "Error" }), "Error"],
  ])("counts %s as uncertain: the provider may have sent it", (error, code) => {
    expect(classified(error)).toEqual({ kind: "uncertain", code });
  });

  it("retries anything else, naming its HTTP status", () => {
    expect(classified(awsError("InternalFailure", { $metadata: { httpStatusCode: 500 } }))).toEqual({
      kind: "retryable",
      code: "InternalFailure (HTTP 500)",
    });
    expect(classified(awsError("InternalFailure"))).toEqual({ kind: "retryable", code: "InternalFailure" });
  });

  it("copes with a thrown value that is not an error", () => {
    expect(classifyAwsError("boom", permanent)).toMatchObject({ kind: "retryable", code: "Error", message: "boom" });
    expect(classifyAwsError(undefined, permanent)).toMatchObject({ kind: "retryable", code: "Error" });
  });
});
