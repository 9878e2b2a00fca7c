import { describe, expect, it } from "vitest";
import { inFieldOrder } from "./form-state";

describe("inFieldOrder", () => {
  it("lists errors in the order the form posts its fields, unposted fields last", () => {
    const errors = {
      "p:name": "Enter a value for ((name))",
      keyType: "Choose a type",
      recipient: "Enter an email address",
    };
    expect(Object.keys(inFieldOrder(errors, ["recipient", "p:name", "intent"]))).toEqual([
      "recipient",
      "p:name",
      "keyType",
    ]);
  });
});
