import { describe, expect, it } from "vitest";
import { checkPhoneNumber } from "./phone";

describe("checkPhoneNumber", () => {
  it.each(["07700 900123", "07700900000", "+44 7700 900999", "0044 7700 900457"])(
    "accepts Ofcom's drama mobile %s, as Notify does",
    (raw) => {
      const check = checkPhoneNumber(raw, "GB");
      expect(check).toMatchObject({ valid: true, country: "GB", international: false });
      expect(check.valid && check.e164).toMatch(/^\+447700900\d{3}$/);
    },
  );

  it("keeps refusing UK landlines and numbers outside the drama range", () => {
    expect(checkPhoneNumber("020 7946 0000", "GB")).toEqual({ valid: false, message: "Not a UK mobile number" });
    expect(checkPhoneNumber("07700 90012", "GB").valid).toBe(false);
  });

  it("calls a drama number international for a service at home elsewhere", () => {
    expect(checkPhoneNumber("+447700900123", "FR")).toMatchObject({ valid: true, international: true });
  });
});
