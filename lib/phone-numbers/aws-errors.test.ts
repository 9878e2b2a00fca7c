import { describe, expect, it } from "vitest";
import { phoneNumberAwsError } from "./aws-errors";

const aws = (name: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error("AWS said no"), { name, ...fields });

describe("phoneNumberAwsError", () => {
  it("puts each ValidationException field beside the form field it is about", () => {
    const error = phoneNumberAwsError(
      aws("ValidationException", {
        Reason: "INVALID_PARAMETER",
        Fields: [
          { Name: "IsoCountryCode", Message: "Not offered here" },
          { Name: "SomethingElse", Message: "Odd" },
        ],
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.message).toBe("AWS did not accept the request: Not offered here; Odd");
    expect(error.fieldErrors).toEqual({ country: "Not offered here" });
  });

  it("explains the conflicts and quotas people meet, and names the others", () => {
    expect(phoneNumberAwsError(aws("ConflictException", { Reason: "DELETION_PROTECTION_ENABLED" })).message).toMatch(
      /Deletion protection is on/,
    );
    expect(phoneNumberAwsError(aws("ConflictException", { Reason: "SOMETHING_NEW", ResourceId: "x" })).message).toBe(
      "AWS refused because of a conflict (something new, x).",
    );
    expect(
      phoneNumberAwsError(aws("ServiceQuotaExceededException", { Reason: "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT" }))
        .message,
    ).toMatch(/spend limit is reached/);
  });

  it("never leaves a failure unexplained", () => {
    expect(phoneNumberAwsError(aws("ThrottlingException")).code).toBe("rate_limited");
    expect(phoneNumberAwsError(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })).message).toMatch(
      /could not reach/,
    );
    expect(phoneNumberAwsError(aws("AccessDeniedException", { Reason: "INSUFFICIENT_ACCOUNT_REPUTATION" })).code).toBe(
      "forbidden",
    );
    expect(phoneNumberAwsError(undefined).message).toMatch(/failed/);
  });
});
