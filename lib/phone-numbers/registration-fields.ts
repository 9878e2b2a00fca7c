import "server-only";

/**
 * The fields Tidings asks for when it creates a US toll-free registration, with AWS's field paths
 * (PutRegistrationFieldValue). It is a minimal set: what a toll-free registration for sign-in codes
 * and notifications needs (company, contact, use case, one or two sample messages). AWS's full list
 * (DescribeRegistrationFieldDefinitions) has optional fields more, such as an opt-in screenshot
 * (an attachment, which Tidings does not upload); AWS's reviewers may ask for them, which shows as
 * the registration needing changes, to be made in the AWS console.
 */
export type RegistrationFieldDefinition = {
  path: string;
  label: string;
  hint?: string;
  required: boolean;
  maxLength?: number;
  /** A choice (SelectChoices) instead of text (TextValue): value → words for people. */
  choices?: Record<string, string>;
  email?: boolean;
};

export const REGISTRATION_TYPES = {
  US_TOLL_FREE_REGISTRATION: "US toll-free number registration",
} as const;
export type RegistrationType = keyof typeof REGISTRATION_TYPES;

const text = (path: string, label: string, maxLength: number, extra: Partial<RegistrationFieldDefinition> = {}) => ({
  path,
  label,
  maxLength,
  required: true,
  ...extra,
});

export const REGISTRATION_FIELDS: Record<RegistrationType, RegistrationFieldDefinition[]> = {
  US_TOLL_FREE_REGISTRATION: [
    text("companyInfo.companyName", "Organisation's legal name", 100),
    text("companyInfo.website", "Organisation's website", 100, { hint: "The full address, starting https://" }),
    text("companyInfo.address1", "Street address", 100),
    text("companyInfo.city", "City", 100),
    text("companyInfo.state", "State or region", 50),
    text("companyInfo.zipCode", "ZIP or postal code", 10),
    {
      path: "companyInfo.isoCountryCode",
      label: "Country",
      required: true,
      choices: { US: "United States", CA: "Canada", GB: "United Kingdom", AU: "Australia" },
    },
    text("contactInfo.firstName", "Contact's first name", 50),
    text("contactInfo.lastName", "Contact's last name", 50),
    text("contactInfo.supportEmail", "Support email address", 100, { email: true }),
    text("contactInfo.supportPhoneNumber", "Support phone number", 20, {
      hint: "In international format, like +12065550100",
    }),
    {
      path: "messagingUseCase.monthlyMessageVolume",
      label: "Texts a month",
      required: true,
      choices: Object.fromEntries(
        [
          "10",
          "100",
          "1,000",
          "10,000",
          "100,000",
          "250,000",
          "500,000",
          "750,000",
          "1,000,000",
          "5,000,000",
          "10,000,000+",
        ].map((volume) => [volume, volume]),
      ),
    },
    {
      path: "messagingUseCase.useCaseCategory",
      label: "What the texts are for",
      required: true,
      choices: {
        TWO_FACTOR_AUTHENTICATION: "Sign-in and security codes",
        ACCOUNT_NOTIFICATION: "Account notifications",
        PUBLIC_SERVICE_ANNOUNCEMENT: "Public service announcements",
        CUSTOMER_CARE: "Customer care",
      },
    },
    text("messagingUseCase.useCaseDetails", "Describe what you send and to whom", 500),
    text("messagingUseCase.optInDescription", "How people agree to receive texts", 500, {
      hint: "For example: they give their number on our website and tick a box to get texts",
    }),
    text("messageSamples.messageSample1", "A sample text", 1024),
    text("messageSamples.messageSample2", "Another sample text (optional)", 1024, { required: false }),
  ],
};

/**
 * What is wrong with the values typed for a registration, per field path (empty when nothing is):
 * a required field left empty, too long a text, a choice not offered, an email address that is not one.
 */
export function registrationFieldErrors(
  type: RegistrationType,
  values: Record<string, string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of REGISTRATION_FIELDS[type]) {
    const value = (values[field.path] ?? "").trim();
    if (!value) {
      if (field.required) errors[field.path] = `${field.choices ? "Choose" : "Enter"} ${field.label.toLowerCase()}`;
    } else if (field.choices && !(value in field.choices))
      errors[field.path] = `Choose ${field.label.toLowerCase()} from the list`;
    else if (field.maxLength && value.length > field.maxLength)
      errors[field.path] = `${field.label} must be ${field.maxLength} characters or fewer`;
    else if (field.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
      errors[field.path] = `${field.label} must be an email address, like support@example.com`;
  }
  return errors;
}
