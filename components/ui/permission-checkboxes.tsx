type Option = { value: string; label: string };

/** The permission checkboxes of the team forms, as a fieldset with its error beside it. */
export function PermissionCheckboxes({
  options,
  checked,
  error,
}: {
  options: Option[];
  checked: string[];
  error?: string;
}) {
  return (
    <fieldset
      id="permissions"
      tabIndex={-1}
      aria-describedby={error ? "permissions-error" : undefined}
      className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}
    >
      <legend className="text-lg font-bold">Permissions</legend>
      <p className="mb-2 text-muted">Every team member can see the team and the audit log.</p>
      {error && (
        <p id="permissions-error" className="mb-2 font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      {options.map((option) => (
        <label key={option.value} className="mb-1 flex items-center gap-3 text-lg">
          <input
            type="checkbox"
            name="permissions"
            value={option.value}
            defaultChecked={checked.includes(option.value)}
            className="size-6"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
