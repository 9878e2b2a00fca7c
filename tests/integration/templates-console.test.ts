import { OPERATOR } from "@/lib/permissions";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { archiveTemplate } from "@/lib/templates/archive-template";
import { listTemplatesForConsole, templateHistory } from "@/lib/templates/console-queries";
import { copyTemplate } from "@/lib/templates/copy-template";
import { createTemplate } from "@/lib/templates/create-template";
import { createTemplateFolder, moveTemplateToFolder } from "@/lib/templates/folders";
import { updateTemplate } from "@/lib/templates/update-template";
import { makeService, makeTemplate, makeUser } from "../support/factories";

const actor = (user: { id: string }) => ({ userId: user.id, isPlatformAdmin: false });

describe("template folders", () => {
  it("files templates in a folder of the same service only, and refuses duplicate names", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    const other = await makeService();
    const folder = await createTemplateFolder({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      name: "Permits",
    });
    const otherFolder = await createTemplateFolder({
      actor: OPERATOR,
      serviceId: other.id,
      name: "Theirs",
    });
    await expect(
      createTemplateFolder({
        actor: { userId: user.id, isPlatformAdmin: false },
        serviceId: service.id,
        name: "Permits",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { name: expect.stringContaining("already exists") },
    });

    const filed = await createTemplate({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      type: "sms",
      name: "Filed",
      content: "Hi",
      folderId: folder.id,
    });
    const loose = await makeTemplate(service.id, { name: "Loose" });
    await expect(
      createTemplate({
        actor: OPERATOR,
        serviceId: service.id,
        type: "sms",
        name: "Wrong folder",
        content: "Hi",
        folderId: otherFolder.id,
      }),
    ).rejects.toMatchObject({ fieldErrors: { folderId: expect.any(String) } });
    await expect(
      moveTemplateToFolder({
        actor: { userId: user.id, isPlatformAdmin: false },
        serviceId: service.id,
        templateId: loose.id,
        folderId: otherFolder.id,
      }),
    ).rejects.toMatchObject({ code: "validation" });

    expect(
      (await listTemplatesForConsole(service.id, { folderId: folder.id })).map((template) => template.name),
    ).toEqual(["Filed"]);
    expect((await listTemplatesForConsole(service.id, { folderId: null })).map((template) => template.name)).toEqual([
      "Loose",
    ]);
    await moveTemplateToFolder({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: loose.id,
      folderId: folder.id,
    });
    expect(
      (await listTemplatesForConsole(service.id, { folderId: folder.id })).map((template) => template.id).sort(),
    ).toEqual([filed.id, loose.id].sort());
    expect((await listTemplatesForConsole(service.id, { search: "LOOSE" })).map((template) => template.name)).toEqual([
      "Loose",
    ]);
  });
});

describe("template history and archiving", () => {
  it("keeps every version with who saved it, and an archived template leaves the list", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    const template = await makeTemplate(service.id, { type: "sms", content: "First" });
    await updateTemplate({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: template.id,
      name: template.name,
      content: "Second",
    });
    await archiveTemplate({
      actor: { userId: user.id, isPlatformAdmin: false },
      serviceId: service.id,
      templateId: template.id,
    });
    const history = await templateHistory(service.id, template.id);
    expect(history.map((version) => [version.version, version.content, version.archived, version.createdBy])).toEqual([
      [3, "Second", true, user.email],
      [2, "Second", false, user.email],
      [1, "First", false, null],
    ]);
    expect(await listTemplatesForConsole(service.id, {})).toEqual([]);
    expect(await templateHistory((await makeService()).id, template.id)).toEqual([]);
  });
});

describe("copying a template from another service", () => {
  it("copies from a service the person belongs to, and from no other", async () => {
    const user = await makeUser();
    const mine = await makeService({ members: [{ userId: user.id }] });
    const alsoMine = await makeService({ members: [{ userId: user.id }] });
    const notMine = await makeService();
    const source = await makeTemplate(alsoMine.id, {
      type: "email",
      name: "Welcome",
      subject: "Hi",
      content: "Hello ((name))",
    });
    const foreign = await makeTemplate(notMine.id, { name: "Secret" });
    const copy = await copyTemplate({
      actor: actor(user),
      serviceId: mine.id,
      fromServiceId: alsoMine.id,
      templateId: source.id,
    });
    expect(await db.template.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({
      serviceId: mine.id,
      name: "Copy of Welcome",
      subject: "Hi",
      content: "Hello ((name))",
      version: 1,
    });
    await expect(
      copyTemplate({ actor: actor(user), serviceId: mine.id, fromServiceId: notMine.id, templateId: foreign.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const viewer = await makeUser();
    const viewed = await makeService({ members: [{ userId: viewer.id, permissions: ["view_activity"] }] });
    await expect(
      copyTemplate({ actor: actor(viewer), serviceId: viewed.id, fromServiceId: alsoMine.id, templateId: source.id }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
