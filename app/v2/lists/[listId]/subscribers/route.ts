import { addSubscriberByApi } from "@/lib/mailing-lists/add-subscriber";
import { findMailingList, listSubscribers } from "@/lib/mailing-lists/queries";
import { removeSubscriberByApi } from "@/lib/mailing-lists/remove-subscriber";
import { API_PAGE_SIZE, listIdParams } from "@/lib/v2/params";
import { v2Route } from "@/lib/v2/route";
import {
  deleteSubscriberQuery,
  getSubscribersQuery,
  postSubscriberRequest,
  postSubscriberResponse,
  removedSubscriberResponse,
  subscribersResponse,
} from "@/lib/v2/schemas";
import { subscriberJson } from "@/lib/v2/serializers";

const OUR_ADDITION = "Tidings' addition to the GOV.UK Notify API: mailing lists, which campaigns send to.";
const listParam = {
  listId: { description: "The mailing list's id (on its page in the console)", type: "uuid" as const },
};

// GET /v2/lists/{id}/subscribers – the list's subscribers, 250 a page, newest first.
export const GET = v2Route(
  {
    docs: {
      operationId: "getSubscribers",
      summary: "List a mailing list's subscribers",
      description: OUR_ADDITION,
      response: { status: 200, description: "The subscribers", schema: subscribersResponse },
      pathParams: listParam,
      canBeNotFound: true,
    },
    params: listIdParams,
    query: getSubscribersQuery,
  },
  async ({ caller, params, query }) => {
    await findMailingList(caller.service.id, params.list_id);
    const { subscribers, total } = await listSubscribers(caller.service.id, params.list_id, {
      ...(query.email_address ? { search: query.email_address } : {}),
      page: query.page ?? 1,
      pageSize: API_PAGE_SIZE,
    });
    return Response.json({ subscribers: subscribers.map(subscriberJson), total });
  },
);

// POST /v2/lists/{id}/subscribers – adds a subscriber, or updates the one with that address.
export const POST = v2Route(
  {
    docs: {
      operationId: "addSubscriber",
      summary: "Add a subscriber to a mailing list",
      description: `${OUR_ADDITION} Someone who unsubscribed stays unsubscribed: adding them again updates their details only.`,
      response: { status: 201, description: "Added or updated", schema: postSubscriberResponse },
      pathParams: listParam,
      canBeNotFound: true,
    },
    params: listIdParams,
    body: postSubscriberRequest,
  },
  async ({ caller, params, body }) => {
    const result = await addSubscriberByApi(caller.service.id, params.list_id, {
      email: body.email_address,
      name: body.name ?? null,
      attributes: body.attributes ?? {},
    });
    return Response.json(result, { status: 201 });
  },
);

// DELETE /v2/lists/{id}/subscribers?email_address= – takes someone off the list.
export const DELETE = v2Route(
  {
    docs: {
      operationId: "removeSubscriber",
      summary: "Remove a subscriber from a mailing list",
      description: OUR_ADDITION,
      response: { status: 200, description: "Removed", schema: removedSubscriberResponse },
      pathParams: listParam,
      canBeNotFound: true,
    },
    params: listIdParams,
    query: deleteSubscriberQuery,
  },
  async ({ caller, params, query }) => {
    await removeSubscriberByApi(caller.service.id, params.list_id, query.email_address);
    return Response.json({ removed: true });
  },
);
