// The default value stream map of the lean page: Rother & Shook, Learning to See (Lean Enterprise Institute, 1999), ACME Stamping data set and current-state map
// (a copy of examples/lean/acme-stamping-vsm.json, the map `flowpilot vsm` reads).
export const ACME_STAMPING_VSM = {
  "name": "ACME Stamping - steel brackets (current state)",
  "dailyDemandUnits": 920,
  "availableSecondsPerShift": 27600,
  "shiftsPerDay": 2,
  "steps": [
    {
      "id": "stamping",
      "name": "Stamping",
      "cycleTimeSeconds": 1,
      "changeoverSeconds": 3600,
      "uptime": 0.85,
      "operators": 1,
      "shifts": 2
    },
    {
      "id": "spot-weld-1",
      "name": "S. Weld #1",
      "cycleTimeSeconds": 39,
      "changeoverSeconds": 600,
      "uptime": 1,
      "operators": 1,
      "shifts": 2
    },
    {
      "id": "spot-weld-2",
      "name": "S. Weld #2",
      "cycleTimeSeconds": 46,
      "changeoverSeconds": 600,
      "uptime": 0.8,
      "operators": 1,
      "shifts": 2
    },
    {
      "id": "assembly-1",
      "name": "Assembly #1",
      "cycleTimeSeconds": 62,
      "changeoverSeconds": 0,
      "uptime": 1,
      "operators": 1,
      "shifts": 2
    },
    {
      "id": "assembly-2",
      "name": "Assembly #2",
      "cycleTimeSeconds": 40,
      "changeoverSeconds": 0,
      "uptime": 1,
      "operators": 1,
      "shifts": 2
    }
  ],
  "inventories": [
    {
      "id": "coils",
      "beforeStepId": "stamping",
      "days": 5,
      "label": "Coils 5 days"
    },
    {
      "id": "stamped",
      "beforeStepId": "spot-weld-1",
      "quantityUnits": 7000,
      "label": "4600 L / 2400 R"
    },
    {
      "id": "welded-1",
      "beforeStepId": "spot-weld-2",
      "quantityUnits": 1700,
      "label": "1100 L / 600 R"
    },
    {
      "id": "welded-2",
      "beforeStepId": "assembly-1",
      "quantityUnits": 2450,
      "label": "1600 L / 850 R"
    },
    {
      "id": "assembled-1",
      "beforeStepId": "assembly-2",
      "quantityUnits": 1840,
      "label": "1200 L / 640 R"
    },
    {
      "id": "finished-goods",
      "beforeStepId": null,
      "quantityUnits": 4140,
      "label": "2700 L / 1440 R"
    }
  ]
};
