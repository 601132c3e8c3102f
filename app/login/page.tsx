import type { Metadata } from "next";
import { LoginView, type LoginSearchParams } from "./login-view";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<LoginSearchParams> }) {
  return <LoginView params={await searchParams} />;
}
