import "server-only";
import { z } from "zod";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((value) => value || null)
    .nullish()
    .transform((value) => value ?? null);

export const campaignSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter a name for the campaign")
      .max(100, "The name must be 100 characters or fewer"),
    templateId: z.uuid("Choose an email template"),
    audiences: z
      .array(
        z.object({
          listId: z.uuid(),
          segmentId: z
            .uuid()
            .nullish()
            .transform((value) => value ?? null),
        }),
      )
      .default([]),
    /** Email contact lists it also goes to, each copied into a mailing list of its own (lib/mailing-lists/contact-list-audience.ts). */
    contactListIds: z.array(z.uuid()).default([]),
    subject: optionalText(200, "The subject must be 200 characters or fewer"),
    fromName: optionalText(100, "The from name must be 100 characters or fewer").refine(
      (value) => value === null || !/[\r\n<>"]/.test(value),
      "The from name cannot contain line breaks, quotes or angle brackets",
    ),
    replyToId: z
      .uuid()
      .nullish()
      .transform((value) => value ?? null),
    trackEngagement: z.boolean().default(false),
    fallbacks: z.record(z.string(), z.string().max(500)).default({}),
  })
  .refine((campaign) => campaign.audiences.length + campaign.contactListIds.length > 0, {
    message: "Choose at least one mailing list or contact list",
    path: ["audiences"],
  });
export type CampaignDefinition = z.output<typeof campaignSchema>;

export const scheduleSchema = z.object({
  scheduledFor: z
    .date()
    .nullable()
    .refine((date) => date === null || date.getTime() > Date.now() - 60_000, "Choose a time in the future")
    .refine(
      (date) => date === null || date.getTime() < Date.now() + 31 * 86_400_000,
      "A campaign can be scheduled up to 31 days ahead",
    ),
});
