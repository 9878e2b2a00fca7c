import { beforeEach, describe, expect, it, vi } from "vitest";

const settings = vi.hoisted(() => ({ mailbox: undefined as string | undefined }));
vi.mock("@/lib/config", () => ({
  config: () => ({
    publicUrl: "https://notify.example.gov",
    SECRET_KEY: "x".repeat(40),
    UNSUBSCRIBE_EMAIL_ADDRESS: settings.mailbox,
  }),
}));

const { readUnsubscribeToken, signUnsubscribeToken, tokenInSubject, oneClickLink, listUnsubscribeMailto } =
  await import("./unsubscribe-token");

const subject = {
  subscriberId: "01937a1c-7b2e-7c41-9a3f-5d6e7f801234",
  listId: "01937a1c-7b2e-7c41-9a3f-5d6e7f805678",
  campaignId: "01937a1c-7b2e-7c41-9a3f-5d6e7f809abc",
};
const token = signUnsubscribeToken(subject);

describe("the List-Unsubscribe mailto", () => {
  beforeEach(() => {
    settings.mailbox = "unsubscribe@notify.example.gov";
  });

  it("names the unsubscribe mailbox with the link's own signed token in the subject", () => {
    expect(listUnsubscribeMailto(oneClickLink(token))).toBe(
      `mailto:unsubscribe@notify.example.gov?subject=unsubscribe%20${token}`,
    );
  });

  it("is left out when no mailbox is configured, for links that are not ours, and for altered tokens", () => {
    expect(listUnsubscribeMailto("https://council.example.gov/unsubscribe/42")).toBeNull();
    expect(listUnsubscribeMailto(oneClickLink(`${token}x`))).toBeNull();
    settings.mailbox = undefined;
    expect(listUnsubscribeMailto(oneClickLink(token))).toBeNull();
  });

  it("finds the token again in the subject a mail program sends, with what it adds", () => {
    for (const sent of [`unsubscribe ${token}`, `Re: Unsubscribe  ${token} `, `UNSUBSCRIBE ${token}`])
      expect(tokenInSubject(sent), sent).toBe(token);
    expect(readUnsubscribeToken(tokenInSubject(`unsubscribe ${token}`)!)).toEqual(subject);
    for (const sent of ["", "unsubscribe", "Please take me off your list", `unsubscribe ${token} now`])
      expect(tokenInSubject(sent), sent).toBeNull();
  });
});
