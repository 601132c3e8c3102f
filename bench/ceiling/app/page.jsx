// A 50-row table rendered on every request (no database): what Next.js itself costs per page view.
import { connection } from "next/server";

const ROWS = Array.from({ length: 50 }, (_, i) => ({
  id: i + 1,
  email: `member${String(i + 1).padStart(2, "0")}@ceiling.example`,
  role: ["Viewer", "Editor", "Admin"][i % 3],
  joined: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
}));

export default async function CeilingPage() {
  await connection();
  return (
    <main>
      <h1>Members</h1>
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Joined</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.id}>
              <td>{row.email}</td>
              <td>{row.role}</td>
              <td>{row.joined}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
