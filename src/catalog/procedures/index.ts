import type { ProcedureDefinition } from '../procedure.ts';
import { procedure as cnsnsRadioactiveImport } from './cnsns-radioactive-import.ts';
import { procedure as cofeprisControlledSubstancesImport } from './cofepris-controlled-substances-import.ts';
import { procedure as cofeprisFoodPriorNotice } from './cofepris-food-prior-notice.ts';
import { procedure as cofeprisMedicalDevicesImport } from './cofepris-medical-devices-import.ts';
import { procedure as cofeprisMedicinesImport } from './cofepris-medicines-import.ts';
import { procedure as conapescaFisheryImport } from './conapesca-fishery-import.ts';
import { procedure as inahCulturalGoodsExport } from './inah-cultural-goods-export.ts';
import { procedure as inbalArtworksExport } from './inbal-artworks-export.ts';
import { procedure as seFootwearNotice } from './se-footwear-notice.ts';
import { procedure as seImmexAnnualReport } from './se-immex-annual-report.ts';
import { procedure as seIronOreExport } from './se-iron-ore-export.ts';
import { procedure as seOriginCertificate } from './se-origin-certificate.ts';
import { procedure as seQuotaCertificate } from './se-quota-certificate.ts';
import { procedure as seSteelNotice } from './se-steel-notice.ts';
import { procedure as seTextileNotice } from './se-textile-notice.ts';
import { procedure as seUsedClothingImport } from './se-used-clothing-import.ts';
import { procedure as seUsedTyresImport } from './se-used-tyres-import.ts';
import { procedure as seUsedVehiclesImport } from './se-used-vehicles-import.ts';
import { procedure as sedenaArmsImport } from './sedena-arms-import.ts';
import { procedure as semarnatCitesExport } from './semarnat-cites-export.ts';
import { procedure as semarnatCitesImport } from './semarnat-cites-import.ts';
import { procedure as semarnatHazardousWasteExport } from './semarnat-hazardous-waste-export.ts';
import { procedure as semarnatHazardousWasteImport } from './semarnat-hazardous-waste-import.ts';
import { procedure as senasicaPhytosanitaryImport } from './senasica-phytosanitary-import.ts';
import { procedure as senasicaZoosanitaryImport } from './senasica-zoosanitary-import.ts';
import { procedure as senerHydrocarbonsImport } from './sener-hydrocarbons-import.ts';

/** Every procedure of the catalogue, sorted by code. Add a new procedure file here. */
export const PROCEDURES: readonly ProcedureDefinition[] = [
  cnsnsRadioactiveImport,
  cofeprisControlledSubstancesImport,
  cofeprisFoodPriorNotice,
  cofeprisMedicalDevicesImport,
  cofeprisMedicinesImport,
  conapescaFisheryImport,
  inahCulturalGoodsExport,
  inbalArtworksExport,
  seFootwearNotice,
  seImmexAnnualReport,
  seIronOreExport,
  seOriginCertificate,
  seQuotaCertificate,
  seSteelNotice,
  seTextileNotice,
  seUsedClothingImport,
  seUsedTyresImport,
  seUsedVehiclesImport,
  sedenaArmsImport,
  semarnatCitesExport,
  semarnatCitesImport,
  semarnatHazardousWasteExport,
  semarnatHazardousWasteImport,
  senasicaPhytosanitaryImport,
  senasicaZoosanitaryImport,
  senerHydrocarbonsImport,
];
