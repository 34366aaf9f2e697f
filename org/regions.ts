// Genesys Cloud regions and their domains, as the official provider (v1.84.2,
// genesyscloud/provider/provider.go getRegionMap) knows them: the API is `https://api.<domain>`,
// OAuth `https://login.<domain>/oauth/token`. The provider accepts exactly these keys (any case)
// for `aws_region` / GENESYSCLOUD_REGION.
export const REGION_DOMAINS: Readonly<Record<string, string>> = {
  dca: "inindca.com",
  tca: "inintca.com",
  "us-east-1": "mypurecloud.com",
  "us-east-2": "use2.us-gov-pure.cloud",
  "us-west-2": "usw2.pure.cloud",
  "eu-west-1": "mypurecloud.ie",
  "eu-west-2": "euw2.pure.cloud",
  "ap-southeast-2": "mypurecloud.com.au",
  "ap-northeast-1": "mypurecloud.jp",
  "eu-central-1": "mypurecloud.de",
  "ca-central-1": "cac1.pure.cloud",
  "ap-northeast-2": "apne2.pure.cloud",
  "ap-south-1": "aps1.pure.cloud",
  "sa-east-1": "sae1.pure.cloud",
  "ap-northeast-3": "apne3.pure.cloud",
  "eu-central-2": "euc2.pure.cloud",
  "me-central-1": "mec1.pure.cloud",
  "mx-central-1": "mxc1.pure.cloud",
  "ap-southeast-1": "apse1.pure.cloud",
  "eusc-de-east-1": "edee1.eusc-pure.cloud",
};

/** The domain of a region name as the provider matches it (case-insensitive), or undefined. */
export function regionDomain(region: string): string | undefined {
  const key = region.toLowerCase();
  return Object.hasOwn(REGION_DOMAINS, key) ? REGION_DOMAINS[key] : undefined;
}
