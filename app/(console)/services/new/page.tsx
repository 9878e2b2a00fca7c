import type { Metadata } from "next";
import { requireUser } from "@/lib/http/session";
import { NewServiceForm } from "./new-service-form";

export const metadata: Metadata = { title: "Add a new service" };

export default async function NewServicePage() {
  await requireUser();
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">Add a new service</h1>
      <p className="mb-6 text-lg">
        New services start in trial mode: they can only send messages to their team members and guest list until they go
        live.
      </p>
      <NewServiceForm />
    </div>
  );
}
