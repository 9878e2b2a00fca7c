"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

export function MoveForm({
  submit,
  folders,
  currentFolderId,
}: {
  /** moveTemplateAction bound to the service and the template. */
  submit: FormAction;
  folders: { id: string; name: string }[];
  currentFolderId: string | null;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} className="mt-8 flex flex-wrap items-end gap-3">
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <div>
        <label htmlFor="folderId" className="block text-lg font-bold">
          Folder
        </label>
        {state.errors.folderId && <p className="font-bold text-error">{state.errors.folderId}</p>}
        <select
          id="folderId"
          name="folderId"
          defaultValue={currentFolderId ?? ""}
          className="border-2 border-ink p-2 text-lg"
        >
          <option value="">No folder</option>
          {folders.map((folder) => (
            <option key={folder.id} value={folder.id}>
              {folder.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary">Move</SubmitButton>
    </form>
  );
}
