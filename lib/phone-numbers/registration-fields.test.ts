import { describe, expect, it } from "vitest";
import { REGISTRATION_FIELDS, registrationFieldErrors } from "./registration-fields";

const complete = Object.fromEntries(
  REGISTRATION_FIELDS.US_TOLL_FREE_REGISTRATION.map((field) => [
    field.path,
    field.choices ? Object.keys(field.choices)[0]! : field.email ? "support@example.com" : "Something",
  ]),
);

describe("registrationFieldErrors", () => {
  it("accepts every field filled in well", () => {
    expect(registrationFieldErrors("US_TOLL_FREE_REGISTRATION", complete)).toEqual({});
  });

  it("asks for required fields, but not optional ones", () => {
    const errors = registrationFieldErrors("US_TOLL_FREE_REGISTRATION", {
      ...complete,
      "companyInfo.companyName": "  ",
      "messageSamples.messageSample2": "",
    });
    expect(errors).toEqual({ "companyInfo.companyName": "Enter organisation's legal name" });
  });

  it("refuses choices not offered, too long texts and email addresses that are not", () => {
    expect(
      registrationFieldErrors("US_TOLL_FREE_REGISTRATION", {
        ...complete,
        "messagingUseCase.useCaseCategory": "MARKETING",
        "companyInfo.zipCode": "12345678901",
        "contactInfo.supportEmail": "nobody",
      }),
    ).toEqual({
      "messagingUseCase.useCaseCategory": "Choose what the texts are for from the list",
      "companyInfo.zipCode": "ZIP or postal code must be 10 characters or fewer",
      "contactInfo.supportEmail": "Support email address must be an email address, like support@example.com",
    });
  });
});
