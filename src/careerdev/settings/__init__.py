"""Settings: `base` holds what every environment shares; `dev`, `test` and
`production` each change only what they must."""
