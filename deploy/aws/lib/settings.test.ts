import { describe, expect, it } from "vitest";
import { DeploymentSettingsError, readDeploymentSettings } from "./settings";

const required = {
  domainName: "notify.example.gov",
  certificateArn: "arn:aws:acm:eu-west-2:111122223333:certificate/example",
};

describe("deployment settings", () => {
  it("needs a domain and a certificate, and names what is wrong", () => {
    expect(() => readDeploymentSettings({})).toThrow(DeploymentSettingsError);
    expect(() => readDeploymentSettings({ domainName: "https://x", certificateArn: "nope" })).toThrow(
      /domainName must be a host name[\s\S]*certificateArn must be an ACM certificate ARN/,
    );
  });

  it("defaults to a highly available, data-keeping production set-up", () => {
    const settings = readDeploymentSettings(required);
    expect(settings).toMatchObject({ multiAz: true, retainData: true, webCount: 2, workerCount: 1 });
    expect(settings.emailDomain).toBeUndefined();
  });

  it("reads values given on the command line, which arrive as strings", () => {
    const settings = readDeploymentSettings({ ...required, multiAz: "false", webCount: "4", retainData: "false" });
    expect(settings).toMatchObject({ multiAz: false, webCount: 4, retainData: false });
  });

  it("takes a hosted zone only with its name", () => {
    expect(() => readDeploymentSettings({ ...required, hostedZoneId: "Z123" })).toThrow(/hostedZoneName together/);
  });

  it("takes a hosted zone that holds the domain and the email domain", () => {
    const zone = { hostedZoneId: "Z123", hostedZoneName: "example.gov" };
    expect(readDeploymentSettings({ ...required, ...zone }).hostedZoneName).toBe("example.gov");
    expect(() => readDeploymentSettings({ ...required, ...zone, emailDomain: "example.org" })).toThrow(
      /must be in the hosted zone example.gov/,
    );
    expect(() => readDeploymentSettings({ ...required, ...zone, hostedZoneName: "other.gov" })).toThrow(
      /must be in the hosted zone/,
    );
  });
});
