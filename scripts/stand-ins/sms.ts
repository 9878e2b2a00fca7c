import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** AWS End User Messaging SMS `SendTextMessage`, as the SDK sends it (JSON 1.0). */
type SendTextMessageRequest = {
  DestinationPhoneNumber: string;
  OriginationIdentity?: string;
  MessageBody: string;
  MessageType?: string;
  ConfigurationSetName?: string;
  Context?: Record<string, string>;
};

/** SNS `Publish` to a phone number (query protocol), with its message attributes read out. */
type PublishRequest = { PhoneNumber: string; Message: string; attributes: Record<string, string> };

type RecordedSms = { arrivedAt: number; messageId: string } & (
  { api: "pinpoint"; request: SendTextMessageRequest } | { api: "sns"; request: PublishRequest }
);

/** A number of the stand-in's account: `PhoneNumberInformation` as AWS describes it (timestamps in epoch seconds). */
type StandInPhoneNumber = {
  PhoneNumberArn: string;
  PhoneNumberId: string;
  PhoneNumber: string;
  Status: "PENDING" | "ACTIVE" | "ASSOCIATING" | "DISASSOCIATING" | "DELETED";
  IsoCountryCode: string;
  MessageType: string;
  NumberCapabilities: string[];
  NumberType: string;
  MonthlyLeasingPrice: string;
  TwoWayEnabled: boolean;
  TwoWayChannelArn?: string;
  SelfManagedOptOutsEnabled: boolean;
  OptOutListName: string;
  InternationalSendingEnabled: boolean;
  DeletionProtectionEnabled: boolean;
  RegistrationId?: string;
  CreatedTimestamp: number;
};

type StandInRegistration = {
  RegistrationArn: string;
  RegistrationId: string;
  RegistrationType: string;
  RegistrationStatus: string;
  CurrentVersionNumber: number;
  CreatedTimestamp: number;
  /** Field path → what PutRegistrationFieldValue set (TextValue or SelectChoices). */
  Fields?: Record<string, { TextValue?: string; SelectChoices?: string[] }>;
};

type StandInPool = {
  PoolArn: string;
  PoolId: string;
  Status: "CREATING" | "ACTIVE" | "DELETING";
  MessageType: string;
  TwoWayEnabled: boolean;
  SelfManagedOptOutsEnabled: boolean;
  OptOutListName: string;
  SharedRoutesEnabled: boolean;
  DeletionProtectionEnabled: boolean;
  CreatedTimestamp: number;
};

type StandInSenderId = {
  SenderIdArn: string;
  SenderId: string;
  IsoCountryCode: string;
  MessageTypes: string[];
  MonthlyLeasingPrice: string;
  DeletionProtectionEnabled: boolean;
  Registered: boolean;
};

type StandInState = {
  phoneNumbers: StandInPhoneNumber[];
  /** List name → opted-out number → when (epoch seconds) and whether the person did it themselves. */
  optOutLists: Record<string, Record<string, { at: number; endUser: boolean }>>;
  registrations: StandInRegistration[];
  /** Missing in state files written before pools and sender IDs were answered. */
  pools?: StandInPool[];
  senderIds?: StandInSenderId[];
  spendLimits: { Name: string; EnforcedLimit: number; MaxLimit: number; Overridden: boolean }[];
  /** The ClientTokens numbers were requested with, so a repeated request answers the same number. */
  clientTokens: Record<string, string>;
};

/** An error the stand-in answers with instead of the next calls of an operation, in AWS's JSON shape. */
type StandInError = { type: string; message: string; status?: number } & Record<string, unknown>;

export type SmsStandIn = {
  url: string;
  calls: RecordedSms[];
  /** Every operation asked, in order (`RequestPhoneNumber`, …). */
  operations: string[];
  state: StandInState;
  /** The next `times` calls of `operation` fail with `error`. */
  failNext: (operation: string, error: StandInError, times?: number) => void;
  close: () => Promise<void>;
};

export type SmsStandInOptions = {
  port?: number;
  /** Keeps the account's state in this file across restarts (`npm start`). */
  stateFile?: string;
  /** A few ACTIVE simulator numbers and one registration, for the zero-setup start. */
  seed?: boolean;
  /** How long a requested number without a registration stays PENDING (one with a registration waits for it). */
  activateAfterMs?: number;
  /** Numbers per page of DescribePhoneNumbers when the caller asks for no MaxResults. */
  pageSize?: number;
  /** Numbers the account may have (ServiceQuotaExceededException beyond). */
  maxPhoneNumbers?: number;
};

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const PRICES: Record<string, string> = { TOLL_FREE: "2.00", TEN_DLC: "2.00", LONG_CODE: "1.00", SIMULATOR: "0.00" };
const REQUIRES_REGISTRATION = new Set(["TOLL_FREE", "TEN_DLC"]);

type RegistrationField = { required: boolean; maxLength?: number; choices?: string[] };
const text = (maxLength: number, required = true): RegistrationField => ({ required, maxLength });
/**
 * The fields the stand-in's registration types have (AWS answers DescribeRegistrationFieldDefinitions
 * with many more; these are the ones Tidings fills in). Submitting without a required one is a
 * ValidationException naming it, as AWS does.
 */
const REGISTRATION_FIELDS: Record<string, Record<string, RegistrationField>> = {
  US_TOLL_FREE_REGISTRATION: {
    "companyInfo.companyName": text(100),
    "companyInfo.website": text(100),
    "companyInfo.address1": text(100),
    "companyInfo.city": text(100),
    "companyInfo.state": text(50),
    "companyInfo.zipCode": text(10),
    "companyInfo.isoCountryCode": { required: true, choices: ["US", "CA", "GB", "AU"] },
    "contactInfo.firstName": text(50),
    "contactInfo.lastName": text(50),
    "contactInfo.supportEmail": text(100),
    "contactInfo.supportPhoneNumber": text(20),
    "messagingUseCase.monthlyMessageVolume": {
      required: true,
      choices: [
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
      ],
    },
    "messagingUseCase.useCaseCategory": {
      required: true,
      choices: ["TWO_FACTOR_AUTHENTICATION", "ACCOUNT_NOTIFICATION", "PUBLIC_SERVICE_ANNOUNCEMENT", "CUSTOMER_CARE"],
    },
    "messagingUseCase.useCaseDetails": text(500),
    "messagingUseCase.optInDescription": text(500),
    "messageSamples.messageSample1": text(1024),
    "messageSamples.messageSample2": text(1024, false),
  },
  US_TEN_DLC_BRAND_REGISTRATION: {},
  US_TEN_DLC_CAMPAIGN_REGISTRATION: {},
};
// Registrations whose fields may still be changed and which may be submitted.
const EDITABLE_REGISTRATION = new Set(["CREATED", "REQUIRES_UPDATES"]);

const emptyState = (): StandInState => ({
  phoneNumbers: [],
  optOutLists: { Default: {} },
  registrations: [],
  pools: [],
  senderIds: [],
  spendLimits: [
    { Name: "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT", EnforcedLimit: 100, MaxLimit: 100, Overridden: false },
    { Name: "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT", EnforcedLimit: 0, MaxLimit: 0, Overridden: false },
  ],
  clientTokens: {},
});

const seconds = () => Math.floor(Date.now() / 1000);
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

function newNumber(fields: Partial<StandInPhoneNumber> & { PhoneNumber: string; NumberType: string }) {
  const id = `phone-${hex(16)}`;
  return {
    PhoneNumberArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:phone-number/${id}`,
    PhoneNumberId: id,
    Status: "ACTIVE",
    IsoCountryCode: "US",
    MessageType: "TRANSACTIONAL",
    NumberCapabilities: ["SMS", "VOICE"],
    MonthlyLeasingPrice: PRICES[fields.NumberType] ?? "1.00",
    TwoWayEnabled: false,
    SelfManagedOptOutsEnabled: false,
    OptOutListName: "Default",
    InternationalSendingEnabled: false,
    DeletionProtectionEnabled: false,
    CreatedTimestamp: seconds(),
    ...fields,
  } satisfies StandInPhoneNumber;
}

function seedState(state: StandInState): void {
  state.phoneNumbers.push(
    newNumber({ PhoneNumber: "+12065550100", NumberType: "SIMULATOR" }),
    newNumber({ PhoneNumber: "+12065550101", NumberType: "SIMULATOR", NumberCapabilities: ["SMS"] }),
    newNumber({ PhoneNumber: "+12065550102", NumberType: "SIMULATOR", NumberCapabilities: ["VOICE"] }),
  );
  state.registrations.push({
    RegistrationArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:registration/registration-example`,
    RegistrationId: "registration-example",
    RegistrationType: "US_TOLL_FREE_REGISTRATION",
    RegistrationStatus: "REVIEWING",
    CurrentVersionNumber: 1,
    CreatedTimestamp: seconds(),
  });
}

/** A pool and a sender ID, for choosing what Tidings' own texts come from (also added to older state files). */
function seedOrigins(state: StandInState): void {
  state.pools = [
    {
      PoolArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:pool/pool-example`,
      PoolId: "pool-example",
      Status: "ACTIVE",
      MessageType: "TRANSACTIONAL",
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: "Default",
      SharedRoutesEnabled: false,
      DeletionProtectionEnabled: false,
      CreatedTimestamp: seconds(),
    },
  ];
  state.senderIds = [
    {
      SenderIdArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:sender-id/TIDINGS/GB`,
      SenderId: "TIDINGS",
      IsoCountryCode: "GB",
      MessageTypes: ["TRANSACTIONAL"],
      MonthlyLeasingPrice: "0.00",
      DeletionProtectionEnabled: false,
      Registered: false,
    },
  ];
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly fields: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

const validation = (message: string, field: string, reason = "INVALID_PARAMETER") =>
  new AwsError("ValidationException", message, { Reason: reason, Fields: [{ Name: field, Message: message }] });
const notFound = (resourceType: string, resourceId: string) =>
  new AwsError("ResourceNotFoundException", `${resourceType} ${resourceId} does not exist`, {
    ResourceType: resourceType,
    ResourceId: resourceId,
  });

/** A registration as DescribeRegistrations and CreateRegistration answer it (without the stand-in's fields). */
function registrationAnswer({ Fields: _fields, ...registration }: StandInRegistration) {
  return registration;
}

/** A page of `items` from NextToken (an offset, as opaque to the caller as AWS's). */
function paged<T>(items: T[], request: { NextToken?: string; MaxResults?: number }, pageSize: number) {
  const start = request.NextToken ? Number(Buffer.from(request.NextToken, "base64url").toString()) : 0;
  const size = request.MaxResults ?? pageSize;
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString("base64url") : undefined;
  return { page, ...(next ? { NextToken: next } : {}) };
}

type Filter = { Name: string; Values: string[] };
const NUMBER_FILTERS: Record<string, (number: StandInPhoneNumber) => string> = {
  status: (number) => number.Status,
  "iso-country-code": (number) => number.IsoCountryCode,
  "message-type": (number) => number.MessageType,
  "number-type": (number) => number.NumberType,
  "two-way-enabled": (number) => String(number.TwoWayEnabled),
  "opt-out-list-name": (number) => number.OptOutListName,
  "deletion-protection-enabled": (number) => String(number.DeletionProtectionEnabled),
};

/**
 * Answers the SMS APIs Tidings calls, on one port: point AWS_ENDPOINT_URL_SMS and
 * AWS_ENDPOINT_URL_SNS at `url`. `SendTextMessage` and SNS `Publish` are recorded and answered with
 * a fresh MessageId; the phone-number, registration, opt-out and spend-limit operations of End
 * User Messaging SMS work on an in-memory account with AWS's JSON 1.0 protocol and error shapes, so
 * the real SDK client runs against it. `npm start` runs one when no AWS account is configured.
 */
export async function startSmsStandIn(options: SmsStandInOptions = {}): Promise<SmsStandIn> {
  const calls: RecordedSms[] = [];
  const operations: string[] = [];
  const failures = new Map<string, { error: StandInError; times: number }>();
  const state: StandInState =
    options.stateFile && existsSync(options.stateFile)
      ? (JSON.parse(readFileSync(options.stateFile, "utf8")) as StandInState)
      : emptyState();
  if (options.seed && !state.phoneNumbers.length) seedState(state);
  if (options.seed && !state.pools?.length && !state.senderIds?.length) seedOrigins(state);
  const save = () => {
    if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify(state, null, 2));
  };
  save();
  const activateAfterMs = options.activateAfterMs ?? 0;
  const pageSize = options.pageSize ?? 25;

  // A requested number becomes ACTIVE once its registration is COMPLETE, or, without one, once its time has come.
  const advance = () => {
    for (const number of state.phoneNumbers) {
      if (number.Status !== "PENDING") continue;
      const registration = state.registrations.find((entry) => entry.RegistrationId === number.RegistrationId);
      if (
        number.RegistrationId
          ? registration?.RegistrationStatus === "COMPLETE"
          : Date.now() - number.CreatedTimestamp * 1000 >= activateAfterMs
      )
        number.Status = "ACTIVE";
    }
  };
  const findNumber = (id: string) => {
    const number = state.phoneNumbers.find(
      (entry) => entry.PhoneNumberId === id || entry.PhoneNumberArn === id || entry.PhoneNumber === id,
    );
    if (!number || number.Status === "DELETED") throw notFound("phone-number", id);
    return number;
  };
  const findRegistration = (id: string) => {
    const registration = state.registrations.find((entry) => entry.RegistrationId === id);
    if (!registration) throw notFound("registration", id);
    return registration;
  };
  const optOutList = (name: string) => {
    const list = state.optOutLists[name];
    if (!list) throw notFound("opt-out-list", name);
    return list;
  };

  const handlers: Record<string, (request: Record<string, unknown>) => object> = {
    SendTextMessage(request) {
      const sms = request as SendTextMessageRequest;
      const origin = state.phoneNumbers.find(
        (entry) =>
          entry.Status !== "DELETED" &&
          [entry.PhoneNumber, entry.PhoneNumberId, entry.PhoneNumberArn].includes(sms.OriginationIdentity ?? ""),
      );
      if (origin && state.optOutLists[origin.OptOutListName]?.[sms.DestinationPhoneNumber])
        throw new AwsError("ConflictException", "The destination phone number is opted out", {
          Reason: "DESTINATION_PHONE_NUMBER_OPTED_OUT",
          ResourceType: "opted-out-number",
          ResourceId: sms.DestinationPhoneNumber,
        });
      const messageId = randomUUID();
      calls.push({ api: "pinpoint", arrivedAt: Date.now(), messageId, request: sms });
      return { MessageId: messageId };
    },
    DescribePhoneNumbers(request) {
      advance();
      const ids = request.PhoneNumberIds as string[] | undefined;
      const filters = (request.Filters as Filter[] | undefined) ?? [];
      for (const filter of filters)
        if (!NUMBER_FILTERS[filter.Name]) throw validation(`Unknown filter ${filter.Name}`, "Filters");
      const matching = state.phoneNumbers.filter(
        (number) =>
          (!ids || ids.includes(number.PhoneNumberId) || ids.includes(number.PhoneNumberArn)) &&
          filters.every((filter) => filter.Values.includes(NUMBER_FILTERS[filter.Name]!(number))),
      );
      if (ids)
        for (const id of ids)
          if (!matching.some((number) => number.PhoneNumberId === id || number.PhoneNumberArn === id))
            throw notFound("phone-number", id);
      const { page, ...next } = paged(matching, request, pageSize);
      return { PhoneNumbers: page, ...next };
    },
    RequestPhoneNumber(request) {
      const token = request.ClientToken as string | undefined;
      if (token && state.clientTokens[token]) {
        const earlier = state.phoneNumbers.find((number) => number.PhoneNumberId === state.clientTokens[token]);
        if (earlier) return earlier;
      }
      const country = String(request.IsoCountryCode ?? "");
      const numberType = String(request.NumberType ?? "");
      const messageType = String(request.MessageType ?? "");
      const capabilities = (request.NumberCapabilities as string[] | undefined) ?? [];
      if (!/^[A-Z]{2}$/.test(country)) throw validation("IsoCountryCode must be 2 capital letters", "IsoCountryCode");
      if (!["LONG_CODE", "TOLL_FREE", "TEN_DLC", "SIMULATOR"].includes(numberType))
        throw validation(`NumberType ${numberType} cannot be requested`, "NumberType");
      if (!["TRANSACTIONAL", "PROMOTIONAL"].includes(messageType))
        throw validation("MessageType must be TRANSACTIONAL or PROMOTIONAL", "MessageType");
      if (!capabilities.length)
        throw validation("NumberCapabilities needs at least one capability", "NumberCapabilities");
      if (numberType === "SIMULATOR" && messageType !== "TRANSACTIONAL")
        throw validation("Simulator numbers only send TRANSACTIONAL messages", "MessageType");
      if (numberType === "SIMULATOR" && country !== "US")
        throw validation("Simulator numbers are only available in the US", "IsoCountryCode", "COUNTRY_CODE_MISMATCH");
      if (REQUIRES_REGISTRATION.has(numberType) && country === "US" && !request.RegistrationId)
        throw validation("US toll-free and 10DLC numbers need a registration", "RegistrationId", "MISSING_PARAMETER");
      if (
        request.RegistrationId &&
        !state.registrations.some((entry) => entry.RegistrationId === request.RegistrationId)
      )
        throw notFound("registration", String(request.RegistrationId));
      const listName = (request.OptOutListName as string | undefined) ?? "Default";
      optOutList(listName);
      const live = state.phoneNumbers.filter((number) => number.Status !== "DELETED");
      if (live.length >= (options.maxPhoneNumbers ?? 20))
        throw new AwsError("ServiceQuotaExceededException", "The account has as many phone numbers as it may", {
          Reason: "PHONE_NUMBERS_PER_ACCOUNT",
        });
      const number = newNumber({
        PhoneNumber: `+1${numberType === "TOLL_FREE" ? "888" : "206"}555${String(1000 + state.phoneNumbers.length).slice(-4)}`,
        NumberType: numberType,
        IsoCountryCode: country,
        MessageType: messageType,
        NumberCapabilities: capabilities,
        Status: "PENDING",
        OptOutListName: listName,
        DeletionProtectionEnabled: Boolean(request.DeletionProtectionEnabled),
        InternationalSendingEnabled: Boolean(request.InternationalSendingEnabled),
        ...(request.RegistrationId ? { RegistrationId: String(request.RegistrationId) } : {}),
      });
      state.phoneNumbers.push(number);
      if (token) state.clientTokens[token] = number.PhoneNumberId;
      return number;
    },
    UpdatePhoneNumber(request) {
      const number = findNumber(String(request.PhoneNumberId));
      if (request.TwoWayEnabled === true && !request.TwoWayChannelArn && !number.TwoWayChannelArn)
        throw validation("Two-way messaging needs a TwoWayChannelArn", "TwoWayChannelArn", "MISSING_PARAMETER");
      if (typeof request.OptOutListName === "string") optOutList(request.OptOutListName);
      for (const field of [
        "TwoWayEnabled",
        "TwoWayChannelArn",
        "SelfManagedOptOutsEnabled",
        "OptOutListName",
        "InternationalSendingEnabled",
        "DeletionProtectionEnabled",
      ] as const)
        if (request[field] !== undefined) Object.assign(number, { [field]: request[field] });
      return number;
    },
    ReleasePhoneNumber(request) {
      const number = findNumber(String(request.PhoneNumberId));
      if (number.DeletionProtectionEnabled)
        throw new AwsError("ConflictException", "Deletion protection is enabled on this phone number", {
          Reason: "DELETION_PROTECTION_ENABLED",
          ResourceType: "phone-number",
          ResourceId: number.PhoneNumberId,
        });
      number.Status = "DELETED";
      return number;
    },
    DescribeRegistrations(request) {
      const ids = request.RegistrationIds as string[] | undefined;
      const matching = state.registrations.filter((entry) => !ids || ids.includes(entry.RegistrationId));
      for (const id of ids ?? [])
        if (!matching.some((entry) => entry.RegistrationId === id)) throw notFound("registration", id);
      const { page, ...next } = paged(matching.map(registrationAnswer), request, pageSize);
      return { Registrations: page, ...next };
    },
    CreateRegistration(request) {
      const token = request.ClientToken as string | undefined;
      const earlier = token && state.clientTokens[token];
      const again = earlier && state.registrations.find((entry) => entry.RegistrationId === earlier);
      if (again) return { ...registrationAnswer(again), VersionNumber: again.CurrentVersionNumber };
      const type = String(request.RegistrationType ?? "");
      if (!REGISTRATION_FIELDS[type])
        throw validation(`RegistrationType ${type} is not a registration type`, "RegistrationType");
      const id = `registration-${hex(16)}`;
      const registration: StandInRegistration = {
        RegistrationArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:registration/${id}`,
        RegistrationId: id,
        RegistrationType: type,
        RegistrationStatus: "CREATED",
        CurrentVersionNumber: 1,
        CreatedTimestamp: seconds(),
        Fields: {},
      };
      state.registrations.push(registration);
      if (token) state.clientTokens[token] = id;
      return { ...registrationAnswer(registration), VersionNumber: 1 };
    },
    PutRegistrationFieldValue(request) {
      const registration = findRegistration(String(request.RegistrationId));
      if (!EDITABLE_REGISTRATION.has(registration.RegistrationStatus))
        throw new AwsError("ConflictException", "The registration's fields cannot be changed now", {
          Reason: "EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
          ResourceType: "registration",
          ResourceId: registration.RegistrationId,
        });
      const path = String(request.FieldPath ?? "");
      const field = REGISTRATION_FIELDS[registration.RegistrationType]?.[path];
      if (!field) throw validation(`${path} is not a field of ${registration.RegistrationType}`, "FieldPath");
      const textValue = request.TextValue as string | undefined;
      const choices = request.SelectChoices as string[] | undefined;
      if (field.choices) {
        if (!choices?.length || choices.some((choice) => !field.choices!.includes(choice)))
          throw validation(`${path} must be one of ${field.choices.join(", ")}`, "SelectChoices");
      } else if (typeof textValue !== "string" || !textValue.length || textValue.length > (field.maxLength ?? 1024))
        throw validation(`${path} must be 1 to ${field.maxLength ?? 1024} characters`, "TextValue");
      else if (path === "contactInfo.supportEmail" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(textValue))
        throw validation(`${path} must be an email address`, "TextValue");
      (registration.Fields ??= {})[path] = field.choices ? { SelectChoices: choices } : { TextValue: textValue };
      return {
        RegistrationArn: registration.RegistrationArn,
        RegistrationId: registration.RegistrationId,
        VersionNumber: registration.CurrentVersionNumber,
        FieldPath: path,
        ...registration.Fields[path],
      };
    },
    SubmitRegistrationVersion(request) {
      const registration = findRegistration(String(request.RegistrationId));
      if (!EDITABLE_REGISTRATION.has(registration.RegistrationStatus))
        throw new AwsError("ConflictException", "The registration is already submitted", {
          Reason: "REGISTRATION_ALREADY_SUBMITTED",
          ResourceType: "registration",
          ResourceId: registration.RegistrationId,
        });
      const missing = Object.entries(REGISTRATION_FIELDS[registration.RegistrationType] ?? {})
        .filter(([path, field]) => field.required && !registration.Fields?.[path])
        .map(([path]) => path);
      if (missing.length)
        throw new AwsError("ValidationException", "The registration is missing required fields", {
          Reason: "MISSING_PARAMETER",
          Fields: missing.map((path) => ({ Name: path, Message: `${path} is required` })),
        });
      registration.RegistrationStatus = "SUBMITTED";
      return {
        RegistrationArn: registration.RegistrationArn,
        RegistrationId: registration.RegistrationId,
        VersionNumber: registration.CurrentVersionNumber,
        RegistrationVersionStatus: "SUBMITTED",
        RegistrationVersionStatusHistory: {
          DraftTimestamp: registration.CreatedTimestamp,
          SubmittedTimestamp: seconds(),
        },
        AwsReview: Boolean(request.AwsReview),
      };
    },
    DescribePools(request) {
      const ids = request.PoolIds as string[] | undefined;
      const pools = (state.pools ?? []).filter(
        (pool) => !ids || ids.includes(pool.PoolId) || ids.includes(pool.PoolArn),
      );
      for (const id of ids ?? [])
        if (!pools.some((pool) => pool.PoolId === id || pool.PoolArn === id)) throw notFound("pool", id);
      const { page, ...next } = paged(pools, request, pageSize);
      return { Pools: page, ...next };
    },
    DescribeSenderIds(request) {
      const wanted = request.SenderIds as { SenderId: string; IsoCountryCode: string }[] | undefined;
      const matches = (senderId: StandInSenderId, filter: { SenderId: string; IsoCountryCode: string }) =>
        senderId.SenderId === filter.SenderId && senderId.IsoCountryCode === filter.IsoCountryCode;
      const senderIds = (state.senderIds ?? []).filter(
        (senderId) => !wanted || wanted.some((filter) => matches(senderId, filter)),
      );
      for (const filter of wanted ?? [])
        if (!senderIds.some((senderId) => matches(senderId, filter)))
          throw notFound("sender-id", `${filter.SenderId}/${filter.IsoCountryCode}`);
      const { page, ...next } = paged(senderIds, request, pageSize);
      return { SenderIds: page, ...next };
    },
    DescribeSpendLimits: () => ({ SpendLimits: state.spendLimits }),
    CreateOptOutList(request) {
      const name = String(request.OptOutListName ?? "");
      if (!/^[A-Za-z0-9_:/-]{1,64}$/.test(name)) throw validation("OptOutListName is not valid", "OptOutListName");
      if (state.optOutLists[name])
        throw new AwsError("ConflictException", `Opt-out list ${name} already exists`, {
          Reason: "RESOURCE_ALREADY_EXISTS",
          ResourceType: "opt-out-list",
          ResourceId: name,
        });
      state.optOutLists[name] = {};
      return {
        OptOutListArn: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/${name}`,
        OptOutListName: name,
        CreatedTimestamp: seconds(),
      };
    },
    PutOptedOutNumber(request) {
      const name = String(request.OptOutListName);
      const list = optOutList(name);
      const number = String(request.OptedOutNumber ?? "");
      if (!/^\+[1-9]\d{1,14}$/.test(number)) throw validation("OptedOutNumber must be E.164", "OptedOutNumber");
      list[number] ??= { at: seconds(), endUser: false };
      return {
        OptOutListName: name,
        OptedOutNumber: number,
        OptedOutTimestamp: list[number].at,
        EndUserOptedOut: false,
      };
    },
    DeleteOptedOutNumber(request) {
      const name = String(request.OptOutListName);
      const list = optOutList(name);
      const number = String(request.OptedOutNumber ?? "");
      const entry = list[number];
      if (!entry) throw notFound("opted-out-number", number);
      delete list[number];
      return {
        OptOutListName: name,
        OptedOutNumber: number,
        OptedOutTimestamp: entry.at,
        EndUserOptedOut: entry.endUser,
      };
    },
    DescribeOptedOutNumbers(request) {
      const name = String(request.OptOutListName);
      const list = optOutList(name);
      const wanted = request.OptedOutNumbers as string[] | undefined;
      const entries = Object.entries(list)
        .filter(([number]) => !wanted || wanted.includes(number))
        .map(([number, entry]) => ({
          OptedOutNumber: number,
          OptedOutTimestamp: entry.at,
          EndUserOptedOut: entry.endUser,
        }));
      const { page, ...next } = paged(entries, request, pageSize);
      return { OptOutListName: name, OptedOutNumbers: page, ...next };
    },
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const target = request.headers["x-amz-target"];
      const json = (status: number, answer: object, headers: Record<string, string> = {}) =>
        response
          .writeHead(status, { "Content-Type": "application/x-amz-json-1.0", ...headers })
          .end(JSON.stringify(answer));
      if (typeof target === "string" && target.startsWith("PinpointSMSVoiceV2.")) {
        const operation = target.slice("PinpointSMSVoiceV2.".length);
        operations.push(operation);
        const handler = handlers[operation];
        if (!handler)
          return json(400, { __type: "UnknownOperationException", message: `${operation} is not answered` });
        const failure = failures.get(operation);
        if (failure) {
          if (--failure.times <= 0) failures.delete(operation);
          const { type, message, status, ...fields } = failure.error;
          return json(status ?? 400, { __type: type, Message: message, ...fields }, { "x-amzn-ErrorType": type });
        }
        try {
          const answer = handler(JSON.parse(body || "{}") as Record<string, unknown>);
          save();
          return json(200, answer);
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          return json(
            error.status,
            { __type: error.type, Message: error.message, ...error.fields },
            { "x-amzn-ErrorType": error.type },
          );
        }
      }
      const form = new URLSearchParams(body);
      if (form.get("Action") === "Publish") {
        const messageId = randomUUID();
        calls.push({
          api: "sns",
          arrivedAt: Date.now(),
          messageId,
          request: {
            PhoneNumber: form.get("PhoneNumber") ?? "",
            Message: form.get("Message") ?? "",
            attributes: messageAttributes(form),
          },
        });
        response
          .writeHead(200, { "Content-Type": "text/xml" })
          .end(
            `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
          );
        return;
      }
      json(400, { message: `the SMS stand-in does not answer ${target ?? form.get("Action")}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    operations,
    state,
    failNext: (operation, error, times = 1) => failures.set(operation, { error, times }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// The query protocol flattens the map into MessageAttributes.entry.N.Name / .Value.StringValue.
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++) {
    attributes[form.get(`MessageAttributes.entry.${index}.Name`)!] =
      form.get(`MessageAttributes.entry.${index}.Value.StringValue`) ?? "";
  }
  return attributes;
}
