/** Cloud regions are "region:weur"; everything else but the "cross" pseudo-vantage is an agent ("agt_…"). */
export const isRegionVantage = (vantageId: string) => vantageId.startsWith("region:");

export const isAgentVantage = (vantageId: string) => !isRegionVantage(vantageId) && vantageId !== "cross";
