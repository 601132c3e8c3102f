import { closeDatabase } from "../db/lifecycle";
import { seedDemoDataIfEmpty } from "../db/seed";

const seeded = await seedDemoDataIfEmpty();
await closeDatabase();
console.log(seeded ? "Demo data seeded." : "Database already has users; nothing seeded.");
