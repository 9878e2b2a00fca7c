export function Notice({
  children,
  tone = "success",
}: {
  children: React.ReactNode;
  tone?: "success" | "info" | "warning";
}) {
  const colours = { success: "border-success", info: "border-brand", warning: "border-error" }[tone];
  return (
    <div
      role={tone === "success" ? "status" : "note"}
      className={`mb-6 border-l-8 ${colours} bg-gray-50 px-4 py-3 text-lg`}
    >
      {children}
    </div>
  );
}
