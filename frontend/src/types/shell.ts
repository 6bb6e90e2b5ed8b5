export interface ShellNavLink {
  label: string
  icon: string
  to: string
  testId: string
}
