module genesys-flows/provider-launcher

go 1.25
